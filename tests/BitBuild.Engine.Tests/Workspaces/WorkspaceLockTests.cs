using System.Diagnostics;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Tests.Infrastructure;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Workspaces;

/// <summary>
/// The workspace lock within one process (the lock is per open file, so a second open in the same process conflicts just
/// like another process would). These tests set BIT_LOCK_TIMEOUT_SECONDS, which only WorkspaceLock reads.
/// </summary>
public sealed class WorkspaceLockTests : IDisposable
{
    private readonly TestFolder folder = new();
    private readonly string? savedTimeout = Environment.GetEnvironmentVariable("BIT_LOCK_TIMEOUT_SECONDS");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("BIT_LOCK_TIMEOUT_SECONDS", savedTimeout);
        folder.Dispose();
    }

    private string BitFolder => folder.PathOf(".bit");

    [Fact]
    public void Second_acquire_waits_then_fails_with_BIT1004()
    {
        Environment.SetEnvironmentVariable("BIT_LOCK_TIMEOUT_SECONDS", "1");
        using var first = WorkspaceLock.Acquire(BitFolder);
        var waitMessages = new List<string>();
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<BitException>(() => WorkspaceLock.Acquire(BitFolder, waitMessages.Add));

        Assert.Equal(DiagnosticCodes.WorkspaceLocked, ex.Code);
        Assert.Contains("workspace.lock", ex.Message);
        Assert.Contains("BIT_LOCK_TIMEOUT_SECONDS", ex.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        Assert.Single(waitMessages);
        Assert.Contains("waiting", waitMessages[0]);
    }

    [Fact]
    public async Task Second_acquire_gets_the_lock_once_the_first_is_released()
    {
        Environment.SetEnvironmentVariable("BIT_LOCK_TIMEOUT_SECONDS", "30");
        var first = WorkspaceLock.Acquire(BitFolder);
        var waited = new ManualResetEventSlim();

        var second = Task.Run(() => WorkspaceLock.Acquire(BitFolder, _ => waited.Set()));
        Assert.True(waited.Wait(TimeSpan.FromSeconds(10)), "the second acquire should report that it waits");
        Assert.False(second.IsCompleted);
        first.Dispose();

        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(File.Exists(Path.Combine(BitFolder, "workspace.lock")));
    }

    [Fact]
    public void Lock_can_be_taken_again_after_dispose_and_records_its_owner()
    {
        WorkspaceLock.Acquire(BitFolder).Dispose();
        var again = WorkspaceLock.Acquire(BitFolder);
        again.Dispose();

        // The file stays (an empty .bit/workspace.lock is harmless); it names the last holder's process for diagnosis.
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(Path.Combine(BitFolder, "workspace.lock")));
    }
}
