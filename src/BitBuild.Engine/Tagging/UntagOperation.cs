using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.LocalScope;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;
using NuGet.Versioning;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// <c>dotnet bit untag</c>: removes a tagged version that was never exported (the latest one, or the one named) from
/// .bitmap and the local scope. Exported versions are immutable; a version other tags depend on must be untagged after them.
/// </summary>
public static class UntagOperation
{
    public sealed record Untagged(string Id, string Version);

    public static IReadOnlyList<Untagged> Run(Workspace workspace, IReadOnlyList<string> ids, string? version)
    {
        if (ids.Count == 0)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Name the components to untag, e.g. 'dotnet bit untag hello/world'.") { IsUsageError = true };
        }

        using var _ = workspace.Lock();
        var bitmap = workspace.ReadBitmap();
        // Find every target first, then check dependents against what remains: naming a dependent in the same command
        // only helps when the dependent's version that uses the target is itself being removed.
        var targets = new List<(string Id, ComponentState State, TaggedVersion Version)>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            ComponentId.ValidateArgument(id, "in the ids to untag");
            var state = bitmap.Find(id) ?? throw new BitException(DiagnosticCodes.UnknownComponent, $"{id} has no tagged versions in .bitmap; nothing to untag.");
            var target = version is null ? state.Latest : state.FindVersion(VersionIncrement.ParseExplicit(version).ToNormalizedString());
            if (target is null)
            {
                throw new BitException(DiagnosticCodes.UntagUnknownVersion, $"{id} has no version {version}; its versions are {string.Join(", ", state.Versions.Select(v => v.Version))}.");
            }

            if (target.ExportedTo.Count > 0)
            {
                throw new BitException(
                    DiagnosticCodes.UntagExported,
                    $"{id} {target.Version} was exported to {string.Join(", ", target.ExportedTo)}; exported versions are immutable and cannot be untagged. Tag a new version instead.");
            }

            targets.Add((id, state, target));
        }

        var removedVersions = targets.Select(t => t.Version).ToHashSet();
        foreach (var (id, _, target) in targets)
        {
            var dependents = bitmap.Components
                .SelectMany(c => c.Value.Versions
                    .Where(v => !removedVersions.Contains(v) && v.Dependencies.TryGetValue(id, out var d) && NuGetVersion.Parse(d) == NuGetVersion.Parse(target.Version))
                    .Select(v => $"{c.Key} {v.Version}"))
                .ToList();
            if (dependents.Count > 0)
            {
                throw new BitException(
                    DiagnosticCodes.UntagHasDependents,
                    $"{id} {target.Version} is a dependency of {string.Join(", ", dependents)}; untag those as well (name them in the same command) or keep this version.");
            }
        }

        var removed = new List<Untagged>();
        foreach (var (id, state, target) in targets)
        {
            state.Versions.Remove(target);
            removed.Add(new Untagged(id, target.Version));
            if (state.Versions.Count == 0 && state.Scope is null)
            {
                bitmap.Components.Remove(id);
            }
        }

        workspace.WriteBitmap(bitmap);
        var store = new LocalScopeStore(workspace);
        foreach (var untagged in removed)
        {
            store.Remove(untagged.Id, untagged.Version);
        }

        return removed;
    }
}
