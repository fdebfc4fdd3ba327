using System.Diagnostics;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Files;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// Item 9 of the hardening issue: what a killed export or tag leaves behind is removed by the next one, in the scope
/// folder, in .bit/, in the workspace root and in the system temp folder, and nothing it leaves shows in git status.
/// </summary>
public sealed class CrashLeftoversTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>, IDisposable
{
    private readonly string systemTemp = Directory.CreateTempSubdirectory("bit-system-temp-").FullName;

    public void Dispose() => Directory.Delete(systemTemp, recursive: true);

    private Dictionary<string, string?> Environment => new() { ["TMPDIR"] = systemTemp };

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Plants, under the names a killed dotnet bit would have used, every kind of leftover; returns their paths.</summary>
    private List<string> PlantLeftovers(TempWorkspace ws)
    {
        var dead = DeadProcessId();
        var scope = ws.PathOf(BadInputFixture.ScopeFolder);
        var staging = Path.Combine(scope, OwnedTempName.Create(".bit-staging-", dead), "bitlocal.hello.world@0.0.1");
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, "user.my-collection.hello.world.0.0.1.nupkg"), new byte[4096]);
        var leftovers = new List<string>
        {
            Path.GetDirectoryName(staging)!,
            Touch(Path.Combine(scope, OwnedTempName.Create(".bit-write-check-", dead))),
            Touch(ws.PathOf($".bit/tmp/{OwnedTempName.Create(AtomicFile.TempPrefix, dead)}..bitmap")),
            Path.GetDirectoryName(Touch(ws.PathOf($".bit/tmp/{OwnedTempName.Create("probe-", dead)}/BitProbe.proj")))!,
            Path.GetDirectoryName(Touch(ws.PathOf($".bit/tmp/{OwnedTempName.Create("pack-", dead)}/BitPack.slnx")))!,
            Touch(ws.PathOf($"..bitmap.{Guid.NewGuid():N}.tmp")), // as versions before this one wrote beside .bitmap
            Path.GetDirectoryName(Touch(Path.Combine(systemTemp, OwnedTempName.Create("bitbuild-export-", dead), "x.nupkg")))!,
            Path.GetDirectoryName(Touch(Path.Combine(systemTemp, OwnedTempName.Create("bitbuild-push-", dead), "x.nupkg")))!,
        };
        return leftovers;
    }

    private static string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left by a killed process");
        return path;
    }

    [Fact]
    public void The_next_export_removes_what_a_killed_one_left_everywhere()
    {
        using var ws = fixture.Copy("leftovers-export");
        var leftovers = PlantLeftovers(ws);

        var export = BitCli.Bit(ws.Root, Environment, "export");

        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Contains("component hello/world was exported to scope user.my-collection", export.StandardOutput);
        Assert.All(leftovers, path => Assert.False(Path.Exists(path), $"{path} is still there after the export:\n{export.CombinedOutput}"));
        Assert.Equal([], Directory.GetFileSystemEntries(ws.PathOf(BadInputFixture.ScopeFolder), ".bit-*"));
    }

    [Fact]
    public void The_next_tag_removes_what_a_killed_one_left_in_the_workspace()
    {
        using var ws = fixture.Copy("leftovers-tag");
        var leftovers = PlantLeftovers(ws).Where(p => p.StartsWith(ws.Root + "/", StringComparison.Ordinal) && !p.Contains("/feeds/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, leftovers.Count);

        var tag = BitCli.Bit(ws.Root, Environment, "tag");

        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        Assert.All(leftovers, path => Assert.False(Path.Exists(path), $"{path} is still there after the tag:\n{tag.CombinedOutput}"));
    }

    /// <summary>
    /// Real crashes: dotnet bit export killed (SIGKILL, the whole process tree) at several points of its run. Whatever
    /// each one left, git status shows no file that is not the user's, and the export that follows succeeds, leaves the
    /// scope without staging folders and the system temp folder without the killed runs' folders.
    /// </summary>
    [Fact]
    public void Exports_killed_part_way_leave_nothing_git_status_shows_and_the_next_export_cleans_up()
    {
        using var ws = fixture.Copy("leftovers-kill");
        Assert.Contains("/.bit/", ws.Read(".gitignore")); // as dotnet bit init wrote it
        ws.Write(".gitignore", ws.Read(".gitignore") + "feeds/\n");
        ws.Git("init", "-q");
        ws.Git("add", "-A");
        ws.Git("commit", "-q", "-m", "workspace");

        var killed = 0;
        foreach (var delay in new[] { 150, 300, 600, 900, 1400 })
        {
            var env = TestEnvironment.Variables(ws.Root);
            env["TMPDIR"] = systemTemp;
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ws.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(BitCli.ToolPath);
            start.ArgumentList.Add("export");
            foreach (var (key, value) in env)
            {
                start.Environment[key] = value;
            }

            using var export = Process.Start(start)!;
            Thread.Sleep(delay);
            if (!export.HasExited)
            {
                export.Kill(entireProcessTree: true);
                killed++;
            }

            export.WaitForExit();
            var untracked = ws.Git("status", "--porcelain", "--untracked-files=all").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(untracked.All(line => line == " M .bitmap"), $"git status after a kill at {delay} ms:\n{string.Join('\n', untracked)}");
            ws.Git("checkout", "-q", "--", ".bitmap"); // the next trial starts from hello/world staged again
            foreach (var version in Directory.GetDirectories(ws.PathOf(BadInputFixture.ScopeFolder), "user.my-collection.hello.world"))
            {
                Directory.Delete(version, recursive: true);
            }
        }

        Assert.True(killed >= 2, $"only {killed} of the exports were still running when killed");
        var last = BitCli.Bit(ws.Root, Environment, "export");
        Assert.True(last.ExitCode == 0, last.CombinedOutput);
        Assert.Equal([], Directory.GetFileSystemEntries(ws.PathOf(BadInputFixture.ScopeFolder), ".bit-*"));
        Assert.Equal([], Directory.GetFileSystemEntries(systemTemp, "bitbuild-*"));
        Assert.Equal([], Directory.Exists(ws.PathOf(".bit/tmp")) ? Directory.GetFileSystemEntries(ws.PathOf(".bit/tmp")) : []);
    }
}
