namespace BitBuild.Server.Storage;

/// <summary>
/// One request's staging folder, <c>{scope}/pending/{request id}/</c>. Its own .lock file is held open for the request's
/// life, so startup recovery (and any other process) can tell a live upload from one whose server or client died.
/// Disposing deletes the folder: after a commit it holds nothing left to keep, after a failure nothing may land.
/// </summary>
public sealed class PendingUpload : IDisposable
{
    private readonly FileStream lockFile;
    private int received;

    private PendingUpload(string folder, FileStream lockFile)
    {
        Folder = folder;
        this.lockFile = lockFile;
    }

    public string Folder { get; }

    public const string LockFileName = ".lock";

    public static PendingUpload Create(ServerPaths paths, string scope)
    {
        // Date first so a directory listing sorts by age; random suffix so two requests in the same millisecond never
        // share a folder (Bit's clientId collision, #10458).
        var folder = Path.Combine(paths.Pending(scope), $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var lockFile = new FileStream(Path.Combine(folder, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new PendingUpload(folder, lockFile);
    }

    /// <summary>Streams one uploaded .nupkg into the pending folder and returns its path.</summary>
    public async Task<string> ReceiveAsync(Stream body, CancellationToken ct)
    {
        var path = Path.Combine(Folder, $"upload-{Interlocked.Increment(ref received):D5}.nupkg");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await body.CopyToAsync(file, ct);
        return path;
    }

    /// <summary>
    /// Lays an inspected package out as the version folder it will become (<c>stage/{id}/{version}/</c> with the .nupkg and
    /// meta.json), so committing it is a single directory rename.
    /// </summary>
    public string Stage(InspectedPackage package)
    {
        var folder = Path.Combine(Folder, "stage", package.Entry.LowerId, package.Entry.LowerVersion);
        Directory.CreateDirectory(folder);
        File.Move(package.FilePath, Path.Combine(folder, ServerPaths.NupkgFileName(package.Entry.LowerId, package.Entry.LowerVersion)));
        File.WriteAllBytes(Path.Combine(folder, ServerPaths.MetaFileName), Json.Serialize(package.Meta));
        return folder;
    }

    public void Dispose()
    {
        lockFile.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for startup recovery: the lock is released, so the folder is recognisably stale.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
