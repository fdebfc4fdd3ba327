using System.Text.Json;
using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>dotnet build -t:BitExport: once per build, dependencies first, same result as dotnet bit export.</summary>
[Collection(PackageCollection.Name)]
public class ExportTargetTests
{
    private const string Scope = "user.my-collection";

    private static readonly string[] Solution =
        ["src/utils/string/Utils.String.csproj", "src/hello/world/Hello.World.csproj", "src/hello/app-kit/Hello.AppKit.csproj", "app/Consumer/Consumer.csproj"];

    private static string[] Packages(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.nupkg", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Tag_with_export_after_tag_at_the_solution_root_runs_each_step_once_with_m2()
    {
        using var ws = new PackageWorkspace("tagexport");
        ws.AddSampleComponents();
        var scope = ws.AddFolderRemote(Scope);
        var solution = ws.WriteSolution(Solution);

        var run = ws.Build(solution, "-t:BitTag", "-p:BitExportAfterTag=true", "-m:2").ShouldSucceed();

        run.Check(run.EngineStarts("tag") == 1, $"tag ran {run.EngineStarts("tag")} times");
        run.Check(run.EngineStarts("export") == 1, $"export ran {run.EngineStarts("export")} times");
        run.Check(run.Output.IndexOf("running dotnet bit tag", StringComparison.Ordinal) < run.Output.IndexOf("running dotnet bit export", StringComparison.Ordinal), "export ran before tag");
        run.Check(run.Output.Contains($"3 components were exported to scope {Scope}", StringComparison.Ordinal), "no export summary");
        Assert.Equal(
            [$"{Scope}.hello.app-kit.0.0.1.nupkg", $"{Scope}.hello.world.0.0.1.nupkg", $"{Scope}.utils.string.0.0.1.nupkg"],
            Packages(scope).Select(p => p.ToLowerInvariant()));

        // Nothing is staged any more: a second export at the root still runs once and sends nothing.
        var again = ws.Build(solution, "-t:BitExport", "-m:2", "--no-restore").ShouldSucceed();
        again.Check(again.EngineStarts("export") == 1, $"export ran {again.EngineStarts("export")} times");
        Assert.Equal(3, Packages(scope).Length);
    }

    [Fact]
    public void BitExport_in_a_component_folder_exports_that_component_with_its_dependencies()
    {
        using var ws = new PackageWorkspace("exportone");
        ws.AddSampleComponents();
        var scope = ws.AddFolderRemote(Scope);
        var tag = ws.Bit("tag");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);

        // The engine wants a named scope with --include-dependencies (BIT3017), so the test names it.
        var run = ws.BuildIn(ws.PathOf("src/hello/world"), null, "-t:BitExport", $"-p:BitExportScope={Scope}", "-p:BitIncludeDependencies=true").ShouldSucceed();

        run.Check(run.EngineStarts("export") == 1, "export did not run once");
        Assert.Equal([$"{Scope}.hello.world.0.0.1.nupkg", $"{Scope}.utils.string.0.0.1.nupkg"], Packages(scope).Select(p => p.ToLowerInvariant()));
        using var bitmap = JsonDocument.Parse(ws.Read(".bitmap"));
        var appKit = bitmap.RootElement.GetProperty("components").GetProperty("hello/app-kit").GetProperty("versions")[0];
        Assert.Equal(0, appKit.GetProperty("exportedTo").GetArrayLength());
    }

    [Fact]
    public void BitExport_and_dotnet_bit_export_leave_byte_identical_scopes()
    {
        using var viaMSBuild = new PackageWorkspace("identical-msbuild");
        viaMSBuild.AddSampleComponents();
        var msbuildScope = viaMSBuild.AddFolderRemote(Scope);
        var tag = viaMSBuild.Bit("tag", "-m", "same input");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        using var viaCli = viaMSBuild.CopyTo("identical-cli");
        var cliScope = viaCli.PathOf("scopes/my-collection");

        viaMSBuild.Build(viaMSBuild.WriteSolution(Solution), "-t:BitExport", "-m:2").ShouldSucceed();
        var export = viaCli.Bit("export");
        Assert.True(export.ExitCode == 0, export.CombinedOutput);

        var msbuildFiles = Directory.EnumerateFiles(msbuildScope, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(msbuildScope, f)).Order(StringComparer.Ordinal).ToList();
        var cliFiles = Directory.EnumerateFiles(cliScope, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(cliScope, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, msbuildFiles.Count(f => f.EndsWith(".nupkg", StringComparison.Ordinal)));
        Assert.Equal(cliFiles, msbuildFiles);
        var different = msbuildFiles.Where(f => !SameContent(Path.Combine(msbuildScope, f), Path.Combine(cliScope, f))).ToList();
        if (different.Count > 0)
        {
            viaMSBuild.Keep = viaCli.Keep = true;
            Assert.Fail($"these files differ between the MSBuild export ({msbuildScope}) and the CLI export ({cliScope}): {string.Join(", ", different)}");
        }
    }

    /// <summary>
    /// Byte equality, except in NuGet's .nupkg.metadata, whose "source" is the feed's own absolute path (the two scopes
    /// necessarily live in different folders); its content hash must still agree.
    /// </summary>
    private static bool SameContent(string a, string b)
    {
        if (Path.GetFileName(a) != ".nupkg.metadata")
        {
            return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
        }

        static string WithoutSource(string path)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            node.Remove("source");
            return node.ToJsonString();
        }

        return WithoutSource(a) == WithoutSource(b);
    }
}
