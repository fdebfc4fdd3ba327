using System.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Files;

public sealed class OwnedTempNameTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>The id of a process that has exited: what a killed export's leftovers name.</summary>
    internal static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private string Plant(string name, bool asFolder = true)
    {
        var path = folder.PathOf(name);
        if (asFolder)
        {
            Directory.CreateDirectory(Path.Combine(path, "inner"));
            File.WriteAllText(Path.Combine(path, "inner", "file.nupkg"), "x");
        }
        else
        {
            File.WriteAllText(path, "x");
        }

        return path;
    }

    [Fact]
    public void Removes_at_once_what_a_process_that_is_gone_left()
    {
        var folderLeft = Plant(OwnedTempName.Create(".bit-staging-", DeadProcessId()));
        var fileLeft = Plant(OwnedTempName.Create(".bit-staging-", DeadProcessId()), asFolder: false);

        Assert.Equal(2, OwnedTempName.Sweep(folder.Root, ".bit-staging-", TimeSpan.FromHours(1)));

        Assert.False(Directory.Exists(folderLeft));
        Assert.False(File.Exists(fileLeft));
    }

    [Fact]
    public void Keeps_the_work_of_this_process_and_of_live_ones()
    {
        var mine = Plant(OwnedTempName.Create(".bit-staging-"));
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Thread.Sleep(1200); // written after the process started, as a live export's staging is
            var live = Plant(OwnedTempName.Create(".bit-staging-", sleeper.Id));

            Assert.Equal(0, OwnedTempName.Sweep(folder.Root, ".bit-staging-", TimeSpan.FromHours(1)));

            Assert.True(Directory.Exists(mine));
            Assert.True(Directory.Exists(live));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void Treats_a_reused_process_id_as_gone()
    {
        // Written before the process that now has that id started: the writer is gone.
        var path = Plant(OwnedTempName.Create("probe-", Environment.ProcessId == 1 ? 2 : 1));
        Directory.SetLastWriteTimeUtc(path, Process.GetProcessById(Environment.ProcessId == 1 ? 2 : 1).StartTime.ToUniversalTime().AddHours(-1));

        Assert.Equal(1, OwnedTempName.Sweep(folder.Root, "probe-", TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Removes_names_without_an_owner_only_once_they_are_old()
    {
        var fresh = Plant(".bit-staging-0123456789ab");
        var old = Plant(".bit-staging-ba9876543210");
        var otherMachine = Plant(".bit-staging-ffffffff-1-abcdef12");
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(1, OwnedTempName.Sweep(folder.Root, ".bit-staging-", TimeSpan.FromHours(1)));

        Assert.True(Directory.Exists(fresh));
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(otherMachine));
    }

    [Fact]
    public void Leaves_other_names_alone_and_accepts_a_missing_folder()
    {
        var other = Plant("bit-staging-" + OwnedTempName.Create("", DeadProcessId()));
        Assert.Equal(0, OwnedTempName.Sweep(folder.Root, ".bit-staging-", TimeSpan.Zero));
        Assert.True(Directory.Exists(other));
        Assert.Equal(0, OwnedTempName.Sweep(folder.PathOf("missing"), ".bit-staging-", TimeSpan.Zero));
    }
}
