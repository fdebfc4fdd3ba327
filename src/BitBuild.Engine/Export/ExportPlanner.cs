using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Packages;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Export;

/// <summary>
/// Turns the selected versions into packages: the package id in the target scope (checked against NuGet's rules before
/// anything is sent), and for each component dependency the scope and package id the package will depend on. A dependency
/// lives in its primary scope when it has one; otherwise in the scope this same export sends it to; with --rewire, in the
/// target scope when this export sends it there. A dependency version that would not be in that scope once this export is
/// done is BIT3016: a scope never gets a package whose dependencies it cannot resolve. Packages are ordered dependencies first.
/// </summary>
public static class ExportPlanner
{
    public static IReadOnlyList<PlannedPackage> Plan(IReadOnlyList<SelectedVersion> selection, Bitmap bitmap, bool rewire)
    {
        var inExport = selection.ToLookup(s => (s.ComponentId, Version: Normalize(s.Version.Version)));
        var packages = new List<PlannedPackage>();
        var problems = new List<string>();
        foreach (var item in selection)
        {
            var packageId = PackageIds.InScope(item.Scope, item.ComponentId);
            var dependencies = new SortedDictionary<string, DependencyTarget>(StringComparer.Ordinal);
            foreach (var (depId, depVersion) in item.Version.Dependencies)
            {
                var state = bitmap.Find(depId);
                var tagged = state?.FindVersion(depVersion);
                var sentWith = inExport[(depId, Normalize(depVersion))].ToList();
                string? depScope;
                if (rewire && sentWith.Any(s => s.Scope == item.Scope))
                {
                    depScope = item.Scope;
                }
                else if (state?.Scope is not null)
                {
                    depScope = state.Scope;
                }
                else
                {
                    depScope = sentWith.Count == 1 ? sentWith[0].Scope : sentWith.Any(s => s.Scope == item.Scope) ? item.Scope : sentWith.FirstOrDefault()?.Scope;
                }

                var available = depScope is not null && ((tagged?.ExportedTo.Contains(depScope) ?? false) || sentWith.Any(s => s.Scope == depScope));
                if (!available)
                {
                    problems.Add(depScope is null
                        ? $"{item.ComponentId} {item.Version.Version} depends on {depId} {depVersion}, which is in no scope and not part of this export"
                        : $"{item.ComponentId} {item.Version.Version} depends on {depId} {depVersion}, which is not in {depId}'s scope {depScope} and not part of this export to it");
                    continue;
                }

                dependencies[depId] = new DependencyTarget(depScope!, PackageIds.InScope(depScope!, depId));
            }

            packages.Add(new PlannedPackage(item.ComponentId, item.Version.Version, item.Scope, packageId, item.Version.Hash, dependencies, item.Version.Dependencies));
        }

        if (problems.Count > 0)
        {
            throw new BitException(
                DiagnosticCodes.DependencyNotInScope,
                "Nothing was exported: a scope would get packages whose component dependencies it cannot resolve.\n  " + string.Join("\n  ", problems) + "\n" +
                "Export the dependencies first (or in the same command: name them too, or run 'dotnet bit export' with no ids to send every staged component), " +
                "or add --include-dependencies to send them to the same scope.");
        }

        OrderDependenciesFirst(packages);
        return packages;
    }

    private static void OrderDependenciesFirst(List<PlannedPackage> packages)
    {
        var byKey = packages.ToDictionary(p => (p.ComponentId, Normalize(p.Version), p.Scope));
        var depths = new Dictionary<PlannedPackage, int>(ReferenceEqualityComparer.Instance);
        int Depth(PlannedPackage package, int guard)
        {
            if (depths.TryGetValue(package, out var known))
            {
                return known;
            }

            if (guard > packages.Count)
            {
                throw new BitException(DiagnosticCodes.DependencyCycle, $"The component dependencies of {package.ComponentId} form a cycle; untag the versions involved and tag again.");
            }

            var depth = 0;
            foreach (var (depId, target) in package.Dependencies)
            {
                var depVersion = Normalize(package.DependencyVersions[depId]);
                if (byKey.TryGetValue((depId, depVersion, target.Scope), out var dep))
                {
                    depth = Math.Max(depth, Depth(dep, guard + 1) + 1);
                }
            }

            depths[package] = depth;
            return depth;
        }

        foreach (var package in packages)
        {
            package.Depth = Depth(package, 0);
        }

        packages.Sort((a, b) =>
        {
            var c = a.Depth.CompareTo(b.Depth);
            c = c != 0 ? c : string.CompareOrdinal(a.Scope, b.Scope);
            c = c != 0 ? c : string.CompareOrdinal(a.ComponentId, b.ComponentId);
            return c != 0 ? c : NuGet.Versioning.NuGetVersion.Parse(a.Version).CompareTo(NuGet.Versioning.NuGetVersion.Parse(b.Version));
        });
    }

    internal static string Normalize(string version) => NuGet.Versioning.NuGetVersion.Parse(version).ToNormalizedString().ToLowerInvariant();
}
