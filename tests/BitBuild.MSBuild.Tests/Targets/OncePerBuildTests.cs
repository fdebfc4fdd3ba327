using System.Text.Json;
using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>Workspace-wide targets run the engine once per build, whatever the number of projects and nodes.</summary>
[Collection(PackageCollection.Name)]
public class OncePerBuildTests
{
    [Fact]
    public void BitStatus_on_a_20_project_solution_with_m2_runs_the_engine_once_and_non_components_do_not_fail()
    {
        using var ws = new PackageWorkspace("status20");
        var projects = new List<string> { ws.AddLibrary("src/utils/string", "Utils.String") };
        for (var i = 1; i < 20; i++)
        {
            projects.Add(ws.AddLibrary($"app/P{i:00}", $"P{i:00}"));
        }

        Assert.Equal(0, ws.Bit("add", "src/utils/string").ExitCode);
        var solution = ws.WriteSolution(projects);

        var run = ws.Build(solution, "-t:BitStatus", "-m:2").ShouldSucceed();

        run.Check(run.EngineStarts("status") == 1, $"the engine ran {run.EngineStarts("status")} times, expected once");
        run.Check(run.Output.Contains("utils/string", StringComparison.Ordinal), "status does not list utils/string");
        run.Check(!run.Output.Contains("MSB4057", StringComparison.Ordinal), "a project lacks the target");
    }

    [Fact]
    public void BitTag_at_the_solution_root_tags_every_component_once_with_m2()
    {
        using var ws = new PackageWorkspace("tagroot");
        ws.AddSampleComponents();
        var solution = ws.WriteSolution(["src/utils/string/Utils.String.csproj", "src/hello/world/Hello.World.csproj", "src/hello/app-kit/Hello.AppKit.csproj", "app/Consumer/Consumer.csproj"]);

        var run = ws.Build(solution, "-t:BitTag", "-m:2", "-p:BitTagMessage=first%3B from MSBuild").ShouldSucceed();

        run.Check(run.EngineStarts("tag") == 1, $"the engine ran {run.EngineStarts("tag")} times, expected once");
        using var bitmap = JsonDocument.Parse(ws.Read(".bitmap"));
        var components = bitmap.RootElement.GetProperty("components");
        foreach (var id in new[] { "utils/string", "hello/world", "hello/app-kit" })
        {
            var version = components.GetProperty(id).GetProperty("versions")[0];
            run.Check(version.GetProperty("version").GetString() == "0.0.1", $"{id} was not tagged 0.0.1");
            run.Check(version.GetProperty("message").GetString() == "first; from MSBuild", $"{id} lost its tag message");
        }

        run.Check(components.GetProperty("hello/world").GetProperty("versions")[0].GetProperty("dependencies").GetProperty("utils/string").GetString() == "0.0.1",
            "hello/world does not depend on utils/string 0.0.1");

        var status = ws.Build(solution, "-t:BitStatus").ShouldSucceed();
        status.Check(status.Output.Contains("staged components", StringComparison.Ordinal), "status does not show the staged components");
    }
}
