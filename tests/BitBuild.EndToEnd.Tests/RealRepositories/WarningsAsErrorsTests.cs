using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// Repositories that treat warnings as errors (compiler and MSBuild/NuGet alike): a stable component that depends on a
/// pre-release one (NU5104 for plain pack) tags, exports, and a consumer that also treats warnings as errors restores
/// and builds against the exported package without a warning BitBuild caused.
/// </summary>
public sealed class WarningsAsErrorsTests
{
    private const string StrictProps = "<Project>\n  <PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors><MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors></PropertyGroup>\n</Project>\n";

    [Fact]
    public void A_stable_component_on_a_prerelease_one_tags_exports_and_is_consumed_with_warnings_as_errors()
    {
        using var ws = new TempWorkspace("warnings-as-errors");
        ws.Write("Directory.Build.props", StrictProps);
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => 42; }\n");
        ws.AddLibrary("src/app", "App", "namespace App;\npublic static class Show { public static int Value => Core.Answer.Value; }\n", "src/core/Core.csproj");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.strict"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core", "src/app"));
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "team.strict", "feeds/strict"));

        Expect(BitCli.Bit(ws.Root, "tag", "core", "1.0.0-beta.1", "-m", "preview"));
        var tag = BitCli.Bit(ws.Root, "tag", "app", "1.0.0", "-m", "stable");
        Expect(tag);
        Assert.DoesNotContain("warning", tag.CombinedOutput, StringComparison.OrdinalIgnoreCase);
        Expect(BitCli.Bit(ws.Root, "export"));

        using var consumer = new TempWorkspace("warnings-as-errors-consumer");
        consumer.Write("Directory.Build.props", StrictProps);
        consumer.WriteNuGetConfig(("team.strict", ws.PathOf("feeds/strict")));
        consumer.AddLibrary("src/use", "Use", "namespace Use;\npublic static class It { public static int Value => App.Show.Value; }\n");
        Expect(BitCli.DotNet(consumer.PathOf("src/use"), "add", "package", "team.strict.app", "--version", "1.0.0"));
        var build = BitCli.DotNet(consumer.PathOf("src/use"), "build", "-nologo");
        Expect(build);
        Assert.Contains("0 Warning(s)", build.StandardOutput);
    }

    private static void Expect(Engine.Processes.ProcessResult result) =>
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
}
