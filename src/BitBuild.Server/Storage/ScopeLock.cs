using System.Collections.Concurrent;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Server.Storage;

/// <summary>
/// The per-scope writer lock. In-process writers queue on a semaphore (no polling); across processes the lock is a
/// scope.lock file opened with FileShare.None, which the operating system releases when the process dies however it dies,
/// so a SIGKILLed server never leaves a scope locked (Bit's stale pending-dir locks, #5949, are the mistake avoided here).
/// </summary>
public sealed class ScopeLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;
    private readonly FileStream file;

    private ScopeLock(SemaphoreSlim gate, FileStream file)
    {
        this.gate = gate;
        this.file = file;
    }

    public static async Task<ScopeLock> AcquireAsync(string lockPath, TimeSpan timeout, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(lockPath, _ => new SemaphoreSlim(1, 1));
        var started = DateTime.UtcNow;
        if (!await gate.WaitAsync(timeout, ct))
        {
            throw Busy(lockPath, timeout);
        }

        try
        {
            while (true)
            {
                var stream = TryOpen(lockPath);
                if (stream is not null)
                {
                    return new ScopeLock(gate, stream);
                }

                if (DateTime.UtcNow - started > timeout)
                {
                    throw Busy(lockPath, timeout);
                }

                await Task.Delay(50, ct);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Opens a lock file exclusively, or returns null when another process (or another open here) holds it.</summary>
    public static FileStream? TryOpen(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static ServerException Busy(string lockPath, TimeSpan timeout) =>
        new(503, DiagnosticCodes.ServerBusy, $"the scope is busy with another export (waited {timeout.TotalSeconds:0} s for {Path.GetFileName(Path.GetDirectoryName(lockPath))}); try again");

    public void Dispose()
    {
        file.Dispose();
        gate.Release();
    }
}
