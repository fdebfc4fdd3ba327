using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;

namespace BitBuild.Server.Storage;

/// <summary>
/// Commits staged packages to a scope, all or nothing. Under the scope lock: re-read the catalog, validate everything
/// (duplicates, conflicts, component dependencies) writing nothing, then rename each staged version folder into
/// packages/ (invisible: reads go through the catalog) and finally replace catalog.json in one rename — the commit point.
/// A crash before that rename leaves only orphan version folders, which the next commit or startup recovery deletes.
/// </summary>
public sealed class ScopeWriter(ScopeStore store, TimeSpan commitStepDelay = default)
{
    public async Task<CommitResult> CommitAsync(string scope, PendingUpload upload, IReadOnlyList<InspectedPackage> packages, CommitMode mode, CancellationToken ct)
    {
        var duplicateInUpload = packages.GroupBy(p => (p.Entry.LowerId, p.Entry.LowerVersion)).FirstOrDefault(g => g.Count() > 1);
        if (duplicateInUpload is not null)
        {
            throw new ServerException(400, DiagnosticCodes.ServerInvalidPackage, $"the upload holds {duplicateInUpload.First().Entry.Id} {duplicateInUpload.First().Entry.Version} more than once");
        }

        using var scopeLock = await store.LockAsync(scope, ct);
        var catalog = store.Catalog(scope);
        var toPush = new List<InspectedPackage>();
        var skipped = new List<CatalogEntry>();
        var conflicts = new List<ExportConflict>();
        foreach (var package in packages)
        {
            var existing = catalog.Find(package.Entry.Id, package.Entry.LowerVersion);
            if (existing is null)
            {
                toPush.Add(package);
            }
            else if (mode == CommitMode.Push)
            {
                throw new ServerException(409, DiagnosticCodes.ServerPackageExists,
                    $"package {existing.Id} {existing.Version} already exists in scope {scope}; versions are immutable");
            }
            else if (existing.ManifestHash is not null && existing.ManifestHash == package.Entry.ManifestHash)
            {
                skipped.Add(existing);
            }
            else
            {
                conflicts.Add(new ExportConflict(existing.Id, existing.Version, existing.ManifestHash, package.Entry.ManifestHash));
            }
        }

        if (conflicts.Count > 0)
        {
            var list = string.Join("; ", conflicts.Select(c => $"{c.Id} {c.Version} (scope has {c.ExistingHash ?? "no bit/component.json"}, upload has {c.UploadedHash ?? "no bit/component.json"})"));
            throw new ServerException(409, DiagnosticCodes.ServerExportConflict,
                $"{conflicts.Count} package(s) already exist in scope {scope} with different content, so nothing was exported: {list}. " +
                "Versions are immutable: tag a new version of these components.", new { conflicts });
        }

        if (mode == CommitMode.Export)
        {
            CheckDependencies(scope, packages);
        }

        var staged = toPush.Select(upload.Stage).ToList();
        for (var i = 0; i < toPush.Count; i++)
        {
            var entry = toPush[i].Entry;
            var target = store.Paths.VersionFolder(scope, entry.LowerId, entry.LowerVersion);
            if (Directory.Exists(target))
            {
                // An orphan from a commit that died before its catalog rename: never visible, safe to replace.
                Directory.Delete(target, recursive: true);
            }

            Directory.CreateDirectory(store.Paths.PackageIdFolder(scope, entry.LowerId));
            Directory.Move(staged[i], target);
            if (commitStepDelay > TimeSpan.Zero)
            {
                // Fault-injection hook for the crash test: widens the window in which a SIGKILL lands mid-commit.
                Thread.Sleep(commitStepDelay);
            }
        }

        if (toPush.Count > 0)
        {
            store.WriteCatalog(scope, catalog.Entries.Concat(toPush.Select(p => p.Entry)).ToList());
        }

        return new CommitResult(toPush.Select(p => p.Entry).ToList(), skipped);
    }

    /// <summary>Unlists (DELETE) or relists (POST) a version. Returns false when the scope does not hold it.</summary>
    public async Task<bool> SetListedAsync(string scope, string id, string lowerVersion, bool listed, CancellationToken ct)
    {
        using var scopeLock = await store.LockAsync(scope, ct);
        var catalog = store.Catalog(scope);
        var existing = catalog.Find(id, lowerVersion);
        if (existing is null)
        {
            return false;
        }

        if (existing.Listed != listed)
        {
            store.WriteCatalog(scope, catalog.Entries.Select(e => ReferenceEquals(e, existing) ? e with { Listed = listed } : e).ToList());
        }

        return true;
    }

    private void CheckDependencies(string scope, IReadOnlyList<InspectedPackage> packages)
    {
        var inUpload = packages.Select(p => (p.Entry.LowerId, p.Entry.LowerVersion)).ToHashSet();
        var unresolved = new List<UnresolvedDependency>();
        foreach (var package in packages)
        {
            foreach (var dependency in package.Meta.Manifest?.Dependencies ?? [])
            {
                var lowerVersion = PackageNames.LowerNormalizedVersion(dependency.Version);
                var depScope = dependency.Scope ?? scope;
                var resolved = lowerVersion is not null && PackageNames.IsValidId(dependency.PackageId) && (
                    inUpload.Contains((dependency.PackageId.ToLowerInvariant(), lowerVersion)) ||
                    (ScopeName.IsValid(depScope) && store.Exists(depScope) && store.Catalog(depScope).Find(dependency.PackageId, lowerVersion) is not null));
                if (!resolved)
                {
                    unresolved.Add(new UnresolvedDependency(package.Entry.Id, package.Entry.Version, dependency.PackageId, dependency.Version, dependency.Scope));
                }
            }
        }

        if (unresolved.Count > 0)
        {
            var list = string.Join("; ", unresolved.Select(u => $"{u.Package} {u.Version} depends on {u.DependencyPackageId} {u.DependencyVersion}{(u.DependencyScope is null ? "" : $" in scope {u.DependencyScope}")}"));
            throw new ServerException(400, DiagnosticCodes.ServerUnresolvedDependency,
                $"{unresolved.Count} component dependency(ies) resolve neither in the export nor in a scope on this server, so nothing was exported: {list}. " +
                "Export the dependencies too (--include-dependencies) or export them to their scope first.", new { unresolved });
        }
    }
}
