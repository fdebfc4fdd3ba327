using System.Text.Json;
using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>Targets run in one project: a component acts for itself, options map to the CLI, errors keep their codes.</summary>
[Collection(PackageCollection.Name)]
public class ComponentProjectTests
{
    [Fact]
    public void BitTag_in_a_component_folder_tags_only_that_component_at_the_given_version()
    {
        using var ws = new PackageWorkspace("tagone");
        ws.AddSampleComponents();

        ws.BuildIn(ws.PathOf("src/utils/string"), null, "-t:BitTag", "-p:BitTagVersion=1.0.0").ShouldSucceed();

        using var bitmap = JsonDocument.Parse(ws.Read(".bitmap"));
        var components = bitmap.RootElement.GetProperty("components");
        Assert.Equal("1.0.0", components.GetProperty("utils/string").GetProperty("versions")[0].GetProperty("version").GetString());
        Assert.False(components.TryGetProperty("hello/world", out _));
    }

    [Fact]
    public void Engine_errors_are_msbuild_errors_with_their_code_and_fail_the_build()
    {
        using var ws = new PackageWorkspace("errors");
        ws.AddSampleComponents();

        var run = ws.Build("src/utils/string/Utils.String.csproj", "-t:BitTag", "-p:BitTagIds=no/such-component").ShouldFail();

        run.Check(run.Output.Contains("error BIT1006", StringComparison.Ordinal), "the engine's BIT1006 did not reach MSBuild");
        run.Check(!run.Output.Contains("BIT0004", StringComparison.Ordinal), "a coded engine error was reported as an uncoded failure");
    }

    [Fact]
    public void Unknown_BitTagIncrement_is_BIT0008_and_the_engine_does_not_start()
    {
        using var ws = new PackageWorkspace("increment");
        ws.AddSampleComponents();

        var run = ws.Build("src/utils/string/Utils.String.csproj", "-t:BitTag", "-p:BitTagIncrement=huge").ShouldFail();

        run.Check(run.Output.Contains("error BIT0008", StringComparison.Ordinal), "no BIT0008");
        run.Check(run.EngineStarts("tag") == 0, "the engine started anyway");
    }

    [Fact]
    public void BitEnabled_false_turns_the_targets_into_no_ops()
    {
        using var ws = new PackageWorkspace("disabled");
        ws.AddSampleComponents();

        var run = ws.Build("app/Consumer/Consumer.csproj", "-t:BitStatus;BitTag", "-p:BitEnabled=false").ShouldSucceed();

        run.Check(run.EngineStarts("status") + run.EngineStarts("tag") == 0, "the engine started although BitEnabled=false");
    }

    [Fact]
    public void A_project_outside_a_workspace_gets_BIT0007()
    {
        using var ws = new PackageWorkspace("noworkspace", init: false);
        ws.AddLibrary("src/lib", "Lib");

        var run = ws.Build("src/lib/Lib.csproj", "-t:BitStatus").ShouldFail();

        run.Check(run.Output.Contains("error BIT0007", StringComparison.Ordinal), "no BIT0007");
    }
}
