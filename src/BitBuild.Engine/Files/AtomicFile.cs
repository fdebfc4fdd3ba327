namespace BitBuild.Engine.Files;

/// <summary>
/// Writes a file so readers see either the old or the new content, never a torn one: temp file, flush, rename. The temp
/// file goes beside the target, or into <c>tempFolder</c> when the caller has one on the same volume: a workspace passes
/// its <c>.bit/tmp/</c>, so that a write killed halfway leaves nothing that <c>git status</c> shows, and the next tag or
/// export removes the leftover (<see cref="TempPrefix"/>, see <see cref="OwnedTempName"/>).
/// </summary>
public static class AtomicFile
{
    /// <summary>How the temp files written into a caller's temp folder are named.</summary>
    public const string TempPrefix = "write-";

    public static void WriteAllBytes(string path, byte[] content, string? tempFolder = null)
    {
        var temp = TempPathFor(path, tempFolder);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteAllText(string path, string content, string? tempFolder = null) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(content), tempFolder);

    /// <summary>Copies a file into place atomically (copy to a temp name, then rename).</summary>
    public static void Copy(string source, string destination, string? tempFolder = null)
    {
        var temp = TempPathFor(destination, tempFolder);
        try
        {
            File.Copy(source, temp);
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string TempPathFor(string path, string? tempFolder)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        if (tempFolder is null)
        {
            return Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        }

        Directory.CreateDirectory(tempFolder);
        return Path.Combine(tempFolder, $"{OwnedTempName.Create(TempPrefix)}.{Path.GetFileName(path)}");
    }
}
