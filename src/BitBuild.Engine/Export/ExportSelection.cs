using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;
using BitBuild.Engine.Status;

namespace BitBuild.Engine.Export;

/// <summary>One component version chosen for export, and the scope it goes to.</summary>
public sealed record SelectedVersion(string ComponentId, TaggedVersion Version, string Scope);

/// <summary>
/// Chooses what an export sends. No ids: every staged component. Ids: exactly those, each of which must be tagged and
/// unchanged since its last tag (else BIT3004/BIT3005, "tag it first"); patterns ("utils/*"): the staged components they
/// match. The scope of each component: the command's scope, else its primary scope, else (first export) its Scope
/// metadata, else BitDefaultScope; a component with none is left out and reported, not exported.
/// </summary>
public static class ExportSelection
{
    /// <param name="Versions">The versions to send, each with its scope.</param>
    /// <param name="Components">The components chosen (with the scope each goes to), including those whose versions the scope already has.</param>
    /// <param name="ComponentsWithoutScope">Chosen components left out because no scope is known for them.</param>
    public sealed record Selection(IReadOnlyList<SelectedVersion> Versions, IReadOnlyList<(string Id, string Scope)> Components, IReadOnlyList<string> ComponentsWithoutScope);

    public static Selection Select(ExportOptions options, WorkspaceDeclarations declarations, Bitmap bitmap)
    {
        var chosen = new List<(string Id, bool Explicit)>();
        if (options.Ids.Count == 0)
        {
            chosen.AddRange(bitmap.Components.Where(c => options.All ? c.Value.Versions.Count > 0 : c.Value.IsStaged).Select(c => (c.Key, false)));
        }
        else
        {
            var known = bitmap.Components.Keys.Union(declarations.Components.Select(c => c.Id)).OrderBy(id => id, StringComparer.Ordinal).ToList();
            foreach (var pattern in options.Ids)
            {
                var isPattern = pattern.Contains('*');
                // A name no component could ever have is a typo (a usage error), not an unknown component: say what ids look like.
                ComponentId.ValidateArgument(pattern.Replace("*", "x", StringComparison.Ordinal), $"in the export's ids: {pattern}");

                var matches = known.Where(id => ComponentId.MatchesPattern(id, pattern)).ToList();
                if (matches.Count == 0)
                {
                    throw new BitException(
                        isPattern ? DiagnosticCodes.NoPatternMatch : DiagnosticCodes.UnknownComponent,
                        isPattern
                            ? $"No component matches '{pattern}'. 'dotnet bit list' shows the workspace's components."
                            : $"There is no component {pattern} in this workspace. 'dotnet bit list' shows the workspace's components.");
                }

                foreach (var id in matches.Where(id => !chosen.Any(c => c.Id == id)))
                {
                    if (isPattern)
                    {
                        var state = bitmap.Find(id);
                        if (state is not null && (options.All ? state.Versions.Count > 0 : state.IsStaged))
                        {
                            chosen.Add((id, false));
                        }
                    }
                    else
                    {
                        RequireTaggedAndUnchanged(id, declarations, bitmap);
                        chosen.Add((id, true));
                    }
                }
            }
        }

        var versions = new List<SelectedVersion>();
        var components = new List<(string Id, string Scope)>();
        var withoutScope = new List<string>();
        foreach (var (id, isExplicit) in chosen)
        {
            var state = bitmap.Find(id)!;
            var scope = options.Scope ?? state.Scope ?? declarations.Find(id)?.Scope ?? declarations.DefaultScope;
            if (scope is null)
            {
                withoutScope.Add(id);
                continue;
            }

            components.Add((id, scope));

            // Naming a component for a scope other than its primary one sends its versions that scope lacks, exported or not
            // (Bit's "export to additional scopes"); otherwise only the staged versions go.
            // --all asks the scope itself: .bitmap's record of what was sent stops being true when a scope is deleted and
            // recreated, so every version goes to the plan, and the export skips what the scope holds with the same content.
            var everyVersion = options.All || (isExplicit && scope != state.Scope);
            foreach (var version in (everyVersion ? state.Versions : state.StagedVersions).Where(v => options.All || !v.ExportedTo.Contains(scope)))
            {
                versions.Add(new SelectedVersion(id, version, scope));
            }
        }

        if (options.IncludeDependencies && options.Scope is not null)
        {
            AddDependencies(versions, bitmap, options.Scope, askTheScope: options.All);
        }

        if (options.Rewire)
        {
            // Every package of the export is rewritten, the dependencies --include-dependencies added among them.
            RequireUnmodifiedForRewire(chosen.Select(c => c.Id).Concat(versions.Select(v => v.ComponentId)).Distinct(StringComparer.Ordinal), declarations, bitmap);
        }

        return new Selection(versions, components, withoutScope);
    }

    private static void RequireTaggedAndUnchanged(string id, WorkspaceDeclarations declarations, Bitmap bitmap)
    {
        var latest = bitmap.Find(id)?.Latest;
        if (latest is null)
        {
            throw new BitException(
                DiagnosticCodes.ComponentNotTagged,
                $"Component {id} is new: it was never tagged, and only tagged versions can be exported. Tag it first ('dotnet bit tag {id}'), then export.");
        }

        var declared = declarations.Find(id);
        if (declared is not null && WorkspaceStatus.HashOf(declared, declarations) != latest.Hash)
        {
            throw new BitException(
                DiagnosticCodes.ComponentModified,
                $"Component {id} was modified since its last tag ({latest.Version}); only tagged versions can be exported. " +
                $"Tag it first ('dotnet bit tag {id}'), then export.");
        }
    }

    /// <summary>
    /// --rewire rewrites what the exported packages depend on; Bit refuses it on modified components ("please tag or discard
    /// your changes"), and so do we: the copies must be the tagged versions, nothing else.
    /// </summary>
    private static void RequireUnmodifiedForRewire(IEnumerable<string> ids, WorkspaceDeclarations declarations, Bitmap bitmap)
    {
        var modified = ids
            .Select(id => (Id: id, Declared: declarations.Find(id), Latest: bitmap.Find(id)?.Latest))
            .Where(c => c.Declared is not null && c.Latest is not null && WorkspaceStatus.HashOf(c.Declared, declarations) != c.Latest.Hash)
            .Select(c => c.Id)
            .ToList();
        if (modified.Count > 0)
        {
            throw new BitException(
                DiagnosticCodes.RewireModified,
                $"Cannot --rewire: {string.Join(", ", modified)} {(modified.Count == 1 ? "was" : "were")} modified since the last tag. " +
                "Tag the changes ('dotnet bit tag') or discard them, then export again.");
        }
    }

    /// <summary>--include-dependencies: every component dependency version (transitively) the target scope lacks joins the export.</summary>
    /// <param name="askTheScope">--all: add the dependency even when .bitmap says the scope has it (the export checks the scope).</param>
    private static void AddDependencies(List<SelectedVersion> versions, Bitmap bitmap, string scope, bool askTheScope)
    {
        var pending = new Queue<SelectedVersion>(versions);
        while (pending.Count > 0)
        {
            var item = pending.Dequeue();
            foreach (var (depId, depVersion) in item.Version.Dependencies)
            {
                var tagged = bitmap.Find(depId)?.FindVersion(depVersion);
                if (tagged is null || (!askTheScope && tagged.ExportedTo.Contains(scope)) || versions.Any(v => v.ComponentId == depId && v.Version == tagged))
                {
                    continue;
                }

                var added = new SelectedVersion(depId, tagged, scope);
                versions.Add(added);
                pending.Enqueue(added);
            }
        }
    }
}
