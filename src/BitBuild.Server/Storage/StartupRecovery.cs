namespace BitBuild.Server.Storage;

/// <summary>
/// Run when the server starts: discards what dead requests left behind. Pending folders whose .lock nobody holds are
/// deleted (their request's process is gone), and so are version folders the catalog does not list (a commit that died
/// before its catalog rename). Each scope is cleaned under its lock; a scope another live process holds is left alone.
/// </summary>
public static class StartupRecovery
{
    public static void Run(ScopeStore store)
    {
        foreach (var scope in store.ListScopes())
        {
            using var scopeLock = ScopeLock.TryOpen(store.Paths.ScopeLock(scope));
            if (scopeLock is null)
            {
                continue;
            }

            DiscardStalePending(store.Paths.Pending(scope));
            DiscardOrphans(store, scope);
        }
    }

    private static void DiscardStalePending(string pendingFolder)
    {
        if (!Directory.Exists(pendingFolder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(pendingFolder))
        {
            var lockPath = Path.Combine(folder, PendingUpload.LockFileName);
            using (var held = File.Exists(lockPath) ? ScopeLock.TryOpen(lockPath) : null)
            {
                if (File.Exists(lockPath) && held is null)
                {
                    continue; // a live request in another process
                }
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static void DiscardOrphans(ScopeStore store, string scope)
    {
        var packages = store.Paths.Packages(scope);
        if (!Directory.Exists(packages))
        {
            return;
        }

        var catalog = store.Catalog(scope);
        foreach (var idFolder in Directory.EnumerateDirectories(packages))
        {
            var lowerId = Path.GetFileName(idFolder);
            foreach (var versionFolder in Directory.EnumerateDirectories(idFolder))
            {
                if (catalog.Find(lowerId, Path.GetFileName(versionFolder)) is null)
                {
                    Directory.Delete(versionFolder, recursive: true);
                }
            }

            if (!Directory.EnumerateFileSystemEntries(idFolder).Any())
            {
                Directory.Delete(idFolder);
            }
        }

        foreach (var temp in Directory.EnumerateFiles(store.Paths.Scope(scope), ".*.tmp"))
        {
            File.Delete(temp);
        }
    }
}
