using BitBuild.Engine.Files;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Makes a multi-file change undoable: every file is snapshotted (bytes, or "did not exist") before its first write, and
/// folders to delete are moved aside into <see cref="BackupFolder"/> instead. <see cref="Rollback"/> puts back exactly
/// what was there; <see cref="Commit"/> deletes the moved-aside folders. A copy of every snapshotted file is also kept in
/// the backup folder, so even a crash part-way leaves the user's work on disk.
/// </summary>
public sealed class WorkspaceTransaction
{
    private readonly string root;
    private readonly Dictionary<string, byte[]?> files = new(WorkspaceFiles.PathComparer);
    private readonly List<string> fileOrder = [];
    private readonly List<(string Original, string Aside)> movedFolders = [];
    private readonly List<string> absentFolders = [];
    private readonly Dictionary<string, HashSet<string>> watchedFolders = new(WorkspaceFiles.PathComparer);

    public WorkspaceTransaction(string root, string backupFolder)
    {
        this.root = root;
        BackupFolder = backupFolder;
        Directory.CreateDirectory(backupFolder);
    }

    public string BackupFolder { get; }

    /// <summary>Records a file's current bytes (or its absence) the first time it is seen.</summary>
    public void Snapshot(string path)
    {
        path = Path.GetFullPath(path);
        if (files.ContainsKey(path))
        {
            return;
        }

        byte[]? bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
        files[path] = bytes;
        fileOrder.Add(path);
        if (bytes is not null)
        {
            var relative = Path.GetRelativePath(root, path);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                relative = Path.Combine("outside", fileOrder.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(path));
            }

            var copy = Path.Combine(BackupFolder, "files", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllBytes(copy, bytes);
        }
    }

    /// <summary>
    /// Snapshots the files directly in <paramref name="folder"/> (not its subfolders) and remembers which exist, so files a
    /// child process creates there (restore's obj/ outputs) are deleted on rollback; a folder that did not exist is removed.
    /// </summary>
    public void SnapshotFolder(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (watchedFolders.ContainsKey(folder) || absentFolders.Contains(folder, WorkspaceFiles.PathComparer))
        {
            return;
        }

        if (!Directory.Exists(folder))
        {
            absentFolders.Add(folder);
            return;
        }

        var existing = new HashSet<string>(WorkspaceFiles.PathComparer);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            Snapshot(file);
            existing.Add(Path.GetFullPath(file));
        }

        watchedFolders[folder] = existing;
    }

    public void Write(string path, byte[] content)
    {
        Snapshot(path);
        AtomicFile.WriteAllBytes(path, content, BackupFolder);
    }

    /// <summary>Moves a folder into the backup folder (the "delete" that can be undone).</summary>
    public void MoveAside(string folder)
    {
        folder = Path.GetFullPath(folder);
        var aside = Path.Combine(BackupFolder, "folders", movedFolders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
        Directory.Move(folder, aside);
        movedFolders.Add((folder, aside));
    }

    /// <summary>Puts everything back; returns what could not be put back (empty when the workspace is as it was).</summary>
    public IReadOnlyList<string> Rollback()
    {
        var problems = new List<string>();
        foreach (var (original, aside) in Enumerable.Reverse(movedFolders))
        {
            Try(problems, $"move {aside} back to {original}", () =>
            {
                if (Directory.Exists(original))
                {
                    // Something recreated the folder (a build writing obj/): the moved-aside original is the truth.
                    Directory.Delete(original, recursive: true);
                }

                Directory.Move(aside, original);
            });
        }

        foreach (var (folder, existing) in watchedFolders)
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var created in Directory.EnumerateFiles(folder).Select(Path.GetFullPath).Where(f => !existing.Contains(f) && !files.ContainsKey(f)).ToList())
            {
                Try(problems, $"delete {created}", () => File.Delete(created));
            }
        }

        foreach (var path in Enumerable.Reverse(fileOrder))
        {
            var original = files[path];
            Try(problems, original is null ? $"delete {path}" : $"restore {path}", () =>
            {
                if (original is null)
                {
                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }
                }
                else if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(original))
                {
                    AtomicFile.WriteAllBytes(path, original, BackupFolder);
                }
            });
        }

        foreach (var folder in absentFolders.Where(Directory.Exists))
        {
            Try(problems, $"delete {folder}", () => Directory.Delete(folder, recursive: true));
        }

        if (problems.Count == 0)
        {
            TryDelete(BackupFolder);
        }

        return problems;
    }

    /// <summary>Deletes the backup (the moved-aside folders); false when some of it could not be deleted (it stays in .bit/tmp).</summary>
    public bool Commit() => TryDelete(BackupFolder);

    private static void Try(List<string> problems, string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"could not {what}: {ex.Message}");
        }
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
