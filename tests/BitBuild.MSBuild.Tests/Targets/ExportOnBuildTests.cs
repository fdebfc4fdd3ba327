using System.Text.Json;
using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>BitExportOnBuild: export after a normal build, once, never when nothing is staged, never in design-time builds.</summary>
[Collection(PackageCollection.Name)]
public class ExportOnBuildTests
{
    private static readonly string[] Solution =
        ["src/utils/string/Utils.String.csproj", "src/hello/world/Hello.World.csproj", "src/hello/app-kit/Hello.AppKit.csproj", "app/Consumer/Consumer.csproj"];

    [Fact]
    public void Nothing_staged_means_the_engine_never_starts()
    {
        using var ws = new PackageWorkspace("onbuild-noop", extraProps: "    <BitExportOnBuild>true</BitExportOnBuild>\n");
        ws.AddSampleComponents();
        var solution = ws.WriteSolution(Solution);

        // Detailed verbosity: the staged check's "none" is a low-importance message.
        var run = ws.Build(solution, "-m:2", "-v:d").ShouldSucceed();

        run.Check(run.EngineStarts("export") == 0, "the engine started with nothing staged");
        run.Check(run.Output.Contains("staged components: none", StringComparison.Ordinal), "the in-process staged check did not run");

        // The next build knows from the stamp that .bitmap has not changed: no task, no process.
        var again = ws.Build(solution, "-m:2", "-v:d", "--no-restore").ShouldSucceed();
        again.Check(again.EngineStarts("export") == 0, "the engine started with nothing staged");
        again.Check(!again.Output.Contains("staged components:", StringComparison.Ordinal), "the staged check ran although .bitmap did not change");
        again.Check(again.Output.Contains("Skipping target \"_BitExportOnBuildIfBitmapChanged\" because all output files are up-to-date", StringComparison.Ordinal),
            "the up-to-date check did not skip the export");
    }

    [Fact]
    public void Engine_builds_never_export_and_design_time_builds_never_export()
    {
        using var ws = new PackageWorkspace("onbuild-guards", extraProps: "    <BitExportOnBuild>true</BitExportOnBuild>\n");
        ws.AddSampleComponents();
        var solution = ws.WriteSolution(Solution);

        // dotnet bit tag packs the components with MSBuild; with BitExportOnBuild on, those builds must not export.
        var tag = ws.Bit("tag");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        using (var bitmap = JsonDocument.Parse(ws.Read(".bitmap")))
        {
            var versions = bitmap.RootElement.GetProperty("components").GetProperty("utils/string").GetProperty("versions");
            Assert.Equal(0, versions[0].GetProperty("exportedTo").GetArrayLength());
        }

        var designTime = ws.Build(solution, "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true");
        designTime.Check(designTime.EngineStarts("export") == 0, "a design-time build started the engine");
    }

    [Fact]
    public void Something_staged_starts_the_engine_once_per_build_with_m2()
    {
        using var ws = new PackageWorkspace("onbuild-staged", extraProps: "    <BitExportOnBuild>true</BitExportOnBuild>\n");
        ws.AddSampleComponents();
        var solution = ws.WriteSolution(Solution);
        var scope = ws.AddFolderRemote("user.my-collection");
        var tag = ws.Bit("tag");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);

        var run = ws.Build(solution, "-m:2").ShouldSucceed();

        run.Check(run.EngineStarts("export") == 1, $"the engine ran {run.EngineStarts("export")} times for export, expected once");
        Assert.Equal(3, Directory.EnumerateFiles(scope, "*.nupkg", SearchOption.AllDirectories).Count());

        // Exported: .bitmap changed, so the next build checks again, finds nothing staged and does not start the engine.
        var next = ws.Build(solution, "-m:2", "--no-restore").ShouldSucceed();
        next.Check(next.EngineStarts("export") == 0, "the engine started again after everything was exported");
    }

    [Fact]
    public void Multi_targeting_projects_get_the_targets_in_the_outer_build_and_check_only_there()
    {
        using var ws = new PackageWorkspace("multitarget", extraProps: "    <BitExportOnBuild>true</BitExportOnBuild>\n");
        // TargetFrameworks (plural), even with one value, makes an outer build plus inner per-framework builds.
        ws.Write("src/multi/Multi.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net10.0</TargetFrameworks>
              </PropertyGroup>
            </Project>

            """);
        ws.Write("src/multi/Multi.cs", "namespace Multi;\npublic static class Api { public static int Value => 1; }\n");
        Assert.Equal(0, ws.Bit("add", "src/multi").ExitCode);

        // buildMultiTargeting/ gives the outer build the targets.
        var status = ws.Build("src/multi/Multi.csproj", "-t:BitStatus").ShouldSucceed();
        status.Check(status.EngineStarts("status") == 1, "BitStatus did not run in the multi-targeting project");

        var build = ws.Build("src/multi/Multi.csproj", "-v:d", "--no-restore").ShouldSucceed();
        var checks = System.Text.RegularExpressions.Regex.Matches(build.Output, "BitBuild: staged components").Count;
        build.Check(checks == 1, $"the staged check ran {checks} times; expected once, in the outer build only");
        build.Check(build.EngineStarts("export") == 0, "the engine started with nothing staged");
    }
}
