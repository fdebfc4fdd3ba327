using System.IO.Compression;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// Files git tracks in a component's folder whose names start with '.' (.editorconfig, .config/dotnet-tools.json) are
/// part of the component and of its hash, though NuGet's Pack leaves such files out by default (NU5119). They travel in
/// the package's <c>bit/src/</c> like every other source, so the package tag made verifies at export, and so does the
/// package an export rebuilds in a fresh clone.
/// </summary>
public sealed class TrackedDotFilesTests
{
    [Fact]
    public void Dot_files_travel_in_the_package_and_the_export_verifies_here_and_from_a_fresh_clone()
    {
        using var ws = new TempWorkspace("dotfiles");
        ws.Write(".gitignore", "bin/\nobj/\n.bit/\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => 42; }\n");
        ws.Write("src/core/.editorconfig", "[*.cs]\nindent_style = space\n");
        ws.Write("src/core/.config/dotnet-tools.json", "{ \"version\": 1, \"isRoot\": true, \"tools\": {} }\n");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.dotfiles"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "team.dotfiles", ws.PathOf("scope")));
        ws.GitInit();
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        ws.Git("add", "-A");
        ws.Git("commit", "-q", "-m", "tagged");

        var local = ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg");
        Assert.Contains("bit/src/.editorconfig", Entries(local));
        Assert.Contains("bit/src/.config/dotnet-tools.json", Entries(local));
        Assert.Contains("indent_style = space", Entry(local, "bit/src/.editorconfig"));

        var export = Expect(BitCli.Bit(ws.Root, "export"));
        Assert.Contains("component core was exported to scope team.dotfiles", export.StandardOutput);
        var exported = ws.PathOf("scope/team.dotfiles.core/0.0.1/team.dotfiles.core.0.0.1.nupkg");
        Assert.Contains("bit/src/.editorconfig", Entries(exported));

        // A fresh clone has .bitmap but no local packages: export rebuilds the package, and it must verify the same way.
        var clone = ws.PathOf("clone");
        Assert.Equal(0, ProcessRunner.Run("git", ["clone", "-q", ws.Root, clone], ws.Root).ExitCode);
        Expect(BitCli.Bit(clone, "remote", "remove", "team.dotfiles"));
        Expect(BitCli.Bit(clone, "remote", "add", "team.dotfiles", ws.PathOf("clone-scope")));
        var fromClone = Expect(BitCli.Bit(clone, "export"));
        Assert.Contains("rebuilding 1 local package", fromClone.StandardOutput);
        Assert.Contains("bit/src/.config/dotnet-tools.json", Entries(ws.PathOf("clone-scope/team.dotfiles.core/0.0.1/team.dotfiles.core.0.0.1.nupkg")));
    }

    private static List<string> Entries(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => Uri.UnescapeDataString(e.FullName)).ToList();
    }

    private static string Entry(string nupkg, string name)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var reader = new StreamReader(zip.Entries.Single(e => Uri.UnescapeDataString(e.FullName) == name).Open());
        return reader.ReadToEnd();
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
