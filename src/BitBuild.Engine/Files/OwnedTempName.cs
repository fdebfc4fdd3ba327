using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BitBuild.Engine.Files;

/// <summary>
/// Names for temporary files and folders that say which process made them: <c>{prefix}{machine}-{pid}-{random}</c>, the
/// machine as 8 hex digits of a hash of its name. A process killed mid-operation leaves them behind; the next run that
/// <see cref="Sweep"/>s the folder removes every one whose process is gone (or whose process id now belongs to a process
/// started after the leftover was written) at once, while the work of a live process, on this machine or another one
/// sharing the folder, is left alone. Names without an owner (written by older versions, or by another machine) are
/// removed only once they are older than a given age.
/// </summary>
public static class OwnedTempName
{
    private static readonly TimeSpan StartTimeMargin = TimeSpan.FromMinutes(10);

    private static readonly string ThisMachine = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    public static string Create(string prefix) => Create(prefix, Environment.ProcessId);

    /// <summary>The name process <paramref name="processId"/> on this machine would give (tests plant a killed process's leftovers).</summary>
    internal static string Create(string prefix, int processId) =>
        $"{prefix}{ThisMachine}-{processId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Removes the abandoned files and folders named <c>{prefix}*</c> in <paramref name="folder"/> (a missing folder has
    /// none); those without an owner this machine can check go once older than <paramref name="unownedAfter"/>. Returns how
    /// many were removed. Never throws for a leftover it cannot remove: that one waits for the next sweep.
    /// </summary>
    public static int Sweep(string folder, string prefix, TimeSpan unownedAfter)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFileSystemEntries(folder, prefix + "*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var path in candidates)
        {
            if (IsAbandoned(path, prefix, unownedAfter) && TryDelete(path))
            {
                removed++;
            }
        }

        return removed;
    }

    internal static bool IsAbandoned(string path, string prefix, TimeSpan unownedAfter)
    {
        DateTime written;
        try
        {
            written = Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var parts = Path.GetFileName(path)[prefix.Length..].Split('-', 3);
        if (parts.Length < 3 || parts[0] != ThisMachine || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return written < DateTime.UtcNow - unownedAfter;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            // A process id is reused: a process started after the leftover was last written cannot be the one that wrote it.
            // "After" with a wide margin: Linux derives a process's start time from the boot time, which moves with every
            // clock adjustment since boot, so it can be off by seconds; keeping a leftover until that process exits is cheap,
            // deleting the folder of a live export is not.
            return process.HasExited || process.StartTime.ToUniversalTime() > written + StartTimeMargin;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // cannot tell: keep it
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
