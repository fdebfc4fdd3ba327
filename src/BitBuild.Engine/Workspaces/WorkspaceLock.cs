using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// The workspace lock: an exclusively opened <c>.bit/workspace.lock</c>. The operating system drops the lock when the
/// process ends, however it ends, so a crashed command never leaves the workspace locked. A second command waits for the
/// lock (up to <c>BIT_LOCK_TIMEOUT_SECONDS</c>, 120 by default) and then fails cleanly with BIT1004.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream stream;

    private WorkspaceLock(FileStream stream) => this.stream = stream;

    public static WorkspaceLock Acquire(string bitFolder, Action<string>? onWait = null)
    {
        Directory.CreateDirectory(bitFolder);
        var path = Path.Combine(bitFolder, "workspace.lock");
        var timeout = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("BIT_LOCK_TIMEOUT_SECONDS"), out var s) ? s : 120);
        var started = DateTime.UtcNow;
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var owner = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n");
                stream.Write(owner);
                stream.Flush();
                return new WorkspaceLock(stream);
            }
            catch (IOException)
            {
                if (DateTime.UtcNow - started > timeout)
                {
                    throw new BitException(
                        DiagnosticCodes.WorkspaceLocked,
                        $"Another BitBuild command holds the workspace lock ({path}) and did not finish within {timeout.TotalSeconds:0} seconds. " +
                        "Wait for it to finish and run this command again (set BIT_LOCK_TIMEOUT_SECONDS to wait longer).");
                }

                if (!told)
                {
                    onWait?.Invoke($"waiting for another BitBuild command to release the workspace lock ({path})");
                    told = true;
                }

                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
