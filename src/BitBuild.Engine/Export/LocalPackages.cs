using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.LocalScope;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Output;
using BitBuild.Engine.Packages;
using BitBuild.Engine.State;
using BitBuild.Engine.Status;
using BitBuild.Engine.Tagging;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Export;

/// <summary>
/// Makes sure every version an export sends has its local package. <c>.bit/</c> is not committed, so a fresh clone (CI)
/// has .bitmap but no packages: a missing package is rebuilt with the tag step's own packer, but only when the sources on
/// disk hash to exactly what was tagged (else BIT3008). Nothing new is recorded: it is the same tagged version.
/// </summary>
public static class LocalPackages
{
    /// <summary>
    /// The versions among <paramref name="needed"/> whose package is missing; throws BIT3008 for any whose sources changed
    /// since it was tagged, and what tag's own checks throw (BIT2012–BIT2014) for a project Pack cannot package.
    /// </summary>
    public static IReadOnlyList<(string ComponentId, TaggedVersion Version)> FindMissing(
        Workspace workspace, WorkspaceDeclarations declarations, IEnumerable<(string ComponentId, TaggedVersion Version)> needed)
    {
        var store = new LocalScopeStore(workspace);
        var missing = needed.Where(n => !store.Contains(n.ComponentId, n.Version.Version)).ToList();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, version) in missing)
        {
            var component = declarations.Find(id) ?? throw new BitException(
                DiagnosticCodes.ChangedSinceTagged,
                $"The local package of {id} {version.Version} is missing ({store.PackagePath(id, version.Version)}) and no BitComponent item declares {id} any more, " +
                "so it cannot be rebuilt. Declare the component again, or export from the workspace that tagged it.");
            if (!hashes.TryGetValue(id, out var hash))
            {
                hash = hashes[id] = WorkspaceStatus.HashOf(component, declarations);
            }

            if (hash == version.Hash && version.Inputs is not null && BuildInputs.MismatchesOnDisk(version.Inputs, workspace.Root) is { Count: > 0 } changed)
            {
                throw new BitException(
                    DiagnosticCodes.ChangedSinceTagged,
                    $"The local package of {id} {version.Version} is missing (a fresh clone?), and what its build reads from outside its folder changed since it was tagged " +
                    $"({string.Join(", ", changed)}), so it cannot be rebuilt as that version. " +
                    $"Check out the commit that tagged {id} {version.Version} and export from there, or tag the current sources and export the new version.");
            }

            if (hash != version.Hash)
            {
                throw new BitException(
                    DiagnosticCodes.ChangedSinceTagged,
                    $"The local package of {id} {version.Version} is missing (a fresh clone?), and its sources changed since it was tagged " +
                    $"(tagged {ContentHash.Short(version.Hash)}, now {ContentHash.Short(hash)}), so it cannot be rebuilt as that version. " +
                    $"Check out the commit that tagged {id} {version.Version} and export from there, or tag the current sources and export the new version.");
            }
        }

        if (missing.Count > 0)
        {
            // What tag checks before building, a rebuild checks too, before export (or its dry run) promises anything.
            var (_, projects) = ComponentDiscovery.Evaluate(workspace, describeReferences: true);
            PackabilityCheck.Require(workspace, missing.Select(m => declarations.Find(m.ComponentId)).OfType<DeclaredComponent>(), projects, "export");
        }

        return missing;
    }

    /// <summary>Rebuilds the given versions into the local scope with MSBuild's Pack (one run when their dependency versions agree).</summary>
    public static void Rebuild(Workspace workspace, WorkspaceDeclarations declarations, Bitmap bitmap, IReadOnlyList<(string ComponentId, TaggedVersion Version)> missing, IOperationLog log)
    {
        if (missing.Count == 0)
        {
            return;
        }

        log.Info($"rebuilding {missing.Count} local package{(missing.Count == 1 ? "" : "s")} from the tagged sources: {string.Join(", ", missing.Select(m => $"{m.ComponentId} {m.Version.Version}"))}");
        var batches = Batches(missing);
        var store = new LocalScopeStore(workspace);
        foreach (var batch in batches)
        {
            var requests = batch.Select(m => PackRequest.ForLocalScope(workspace, declarations, m.ComponentId, m.Version.Version, m.Version.Hash, m.Version.Message, m.Version.Time, m.Version.Dependencies, m.Version.Inputs)).ToList();
            var others = new Dictionary<string, (string ProjectPath, string Version)>(StringComparer.Ordinal);
            foreach (var (_, version) in batch)
            {
                foreach (var (depId, depVersion) in version.Dependencies)
                {
                    var dep = declarations.Find(depId);
                    if (dep is not null)
                    {
                        others[depId] = (dep.ProjectPath, depVersion);
                    }
                }
            }

            // Components the batch does not name still need an id and version for Pack's dependency list to be consistent.
            foreach (var component in declarations.Components.Where(c => !others.ContainsKey(c.Id) && bitmap.Find(c.Id)?.Latest is not null))
            {
                others[component.Id] = (component.ProjectPath, bitmap.Find(component.Id)!.Latest!.Version);
            }

            var packages = ComponentPacker.Pack(workspace, requests, others, log);
            foreach (var (id, version) in batch)
            {
                store.Store(id, version.Version, packages[id]);
            }

            ComponentPacker.CleanUp(packages);
        }
    }

    /// <summary>One batch when no two versions disagree on a component's version; otherwise one pack per version.</summary>
    private static List<List<(string ComponentId, TaggedVersion Version)>> Batches(IReadOnlyList<(string ComponentId, TaggedVersion Version)> missing)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var consistent = true;
        foreach (var (id, version) in missing)
        {
            foreach (var pair in version.Dependencies.Append(new KeyValuePair<string, string>(id, version.Version)))
            {
                if (versions.TryGetValue(pair.Key, out var existing) && existing != pair.Value)
                {
                    consistent = false;
                }

                versions[pair.Key] = pair.Value;
            }
        }

        return consistent ? [missing.ToList()] : missing.Select(m => new List<(string, TaggedVersion)> { m }).ToList();
    }
}
