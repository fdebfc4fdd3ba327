using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>
/// Real repositories have projects of the same name in different folders (src/a/Utils/Utils.csproj next to
/// src/b/Utils/Utils.csproj). They tag in one run, export, rebuild in a fresh clone, and one ejects while the other stays.
/// </summary>
public sealed class SameNamedProjectsTests
{
    [Fact]
    public void Same_named_projects_tag_in_one_run_export_rebuild_in_a_clone_and_eject()
    {
        using var ws = new TempWorkspace("same-named");
        foreach (var team in new[] { "a", "b" })
        {
            // Same project file name, same default assembly name: only the folder tells them apart.
            ws.AddLibrary($"src/{team}/Utils", "Utils", $"namespace {team.ToUpperInvariant()}.Utils;\npublic static class Name {{ public static string Of() => \"{team}\"; }}\n");
        }

        ws.AddLibrary("src/app", "App", "namespace App;\npublic static class Use { public static string It() => A.Utils.Name.Of(); }\n", "src/a/Utils/Utils.csproj");
        CliAssert.Succeeded(BitCli.Bit(ws.Root, "init", "--default-scope", "team.shared"));
        CliAssert.Succeeded(BitCli.Bit(ws.Root, "add", "src/a/Utils", "src/b/Utils", "src/app"));
        CliAssert.Succeeded(BitCli.Bit(ws.Root, "remote", "add", "team.shared", "feeds/shared"));
        Directory.CreateDirectory(ws.PathOf("feeds"));

        var tag = CliAssert.Succeeded(BitCli.Bit(ws.Root, "tag", "-m", "first"));

        Assert.Contains("3 components were tagged", tag.StandardOutput);
        Assert.Contains("a/utils@0.0.1", tag.StandardOutput);
        Assert.Contains("b/utils@0.0.1", tag.StandardOutput);
        var export = CliAssert.Succeeded(BitCli.Bit(ws.Root, "export"));
        Assert.Contains("3 components were exported to scope team.shared", export.StandardOutput);
        foreach (var id in new[] { "team.shared.a.utils", "team.shared.b.utils", "team.shared.app" })
        {
            Assert.True(File.Exists(ws.PathOf($"feeds/shared/{id}/0.0.1/{id}.0.0.1.nupkg")), $"{id} is not in the scope");
        }

        // A fresh clone has .bitmap but no local packages: exporting to another scope rebuilds both Utils projects.
        ws.GitInit();
        var clone = ws.PathOf("../" + Path.GetFileName(ws.Root) + "-clone");
        try
        {
            Assert.Equal(0, ProcessRunner.Run("git", ["clone", "-q", ws.Root, clone], ws.Root).ExitCode);
            Directory.CreateDirectory(Path.Combine(clone, "feeds"));
            CliAssert.Succeeded(BitCli.Bit(clone, "remote", "add", "team.mirror", "feeds/mirror"));
            var mirror = CliAssert.Succeeded(BitCli.Bit(clone, "export", "team.mirror", "a/utils", "b/utils"));
            Assert.Contains("rebuilding 2 local packages", mirror.StandardOutput);
            Assert.Contains("2 components were exported to scope team.mirror", mirror.StandardOutput);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }

        // Eject a/utils: the app's reference to src/a/Utils becomes its package; b/utils, of the same name, stays.
        var eject = CliAssert.Succeeded(BitCli.Bit(ws.Root, "eject", "a/utils"));

        Assert.Contains("a/utils", eject.StandardOutput);
        Assert.False(Directory.Exists(ws.PathOf("src/a/Utils")));
        Assert.True(File.Exists(ws.PathOf("src/b/Utils/Utils.csproj")));
        var app = ws.Read("src/app/App.csproj");
        Assert.Contains("<PackageReference Include=\"team.shared.a.utils\" Version=\"0.0.1\" />", app);
        Assert.DoesNotContain("Utils.csproj", app);
        var build = BitCli.DotNet(ws.Root, "build", "src/app/App.csproj", "-nologo", "-v:q");
        Assert.True(build.ExitCode == 0, build.CombinedOutput);
        Assert.Contains("b/utils", CliAssert.Succeeded(BitCli.Bit(ws.Root, "list")).StandardOutput);
    }
}
