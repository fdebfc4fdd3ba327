using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// Decides what <c>tag</c> creates: the requested components (or every new and modified one), minus those unchanged since
/// their last tag, plus every already-tagged component that depends on one of them (auto-tagged at the next patch, as Bit
/// does, so its package depends on the new version). Pure logic: hashes come in through <c>hashOf</c>.
/// </summary>
public static class TagPlanner
{
    /// <param name="inputsOf">
    /// What each component's build reads from outside its folder (<see cref="Hashing.BuildInputs"/>), or null when not
    /// known: a component whose last tag recorded inputs is changed when they differ, even if its folder did not.
    /// </param>
    public static TagPlan Plan(WorkspaceDeclarations declarations, ComponentGraph graph, Bitmap bitmap, Func<DeclaredComponent, string> hashOf, TagRequest request, Func<DeclaredComponent, SortedDictionary<string, string>?>? inputsOf = null)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Hash(DeclaredComponent c) => hashes.TryGetValue(c.Id, out var h) ? h : hashes[c.Id] = hashOf(c);
        var inputs = new Dictionary<string, SortedDictionary<string, string>?>(StringComparer.Ordinal);
        SortedDictionary<string, string>? Inputs(DeclaredComponent c) => inputs.TryGetValue(c.Id, out var i) ? i : inputs[c.Id] = inputsOf?.Invoke(c);
        bool IsChanged(DeclaredComponent c) => bitmap.Find(c.Id)?.Latest is not { } latest || latest.Hash != Hash(c)
            || (latest.Inputs is { } recorded && Inputs(c) is { } current && !recorded.SequenceEqual(current));

        var requested = new List<DeclaredComponent>();
        var unchanged = new List<string>();
        if (request.Ids.Count > 0)
        {
            foreach (var pattern in request.Ids)
            {
                // A name no component could ever have is a typo, not an unknown component: say what ids look like.
                ComponentId.ValidateArgument(pattern.Replace("*", "x", StringComparison.Ordinal), $"in the ids to tag: {pattern}");
                var matches = declarations.Components.Where(c => ComponentId.MatchesPattern(c.Id, pattern)).ToList();
                if (matches.Count == 0)
                {
                    throw new BitException(
                        DiagnosticCodes.UnknownComponent,
                        $"No component matches '{pattern}'. Known components: {string.Join(", ", declarations.Components.Select(c => c.Id))}. Declare new ones with 'dotnet bit add'.");
                }

                requested.AddRange(matches.Where(m => !requested.Contains(m)));
            }
        }
        else
        {
            requested.AddRange(declarations.Components);
        }

        var selected = new List<DeclaredComponent>();
        foreach (var component in requested)
        {
            if (IsChanged(component))
            {
                selected.Add(component);
            }
            else if (request.Ids.Count > 0)
            {
                unchanged.Add(component.Id);
            }
        }

        var selectedIds = selected.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        // Auto-tag dependents that were tagged before, transitively.
        var auto = new List<DeclaredComponent>();
        var frontier = new Queue<string>(selectedIds);
        while (frontier.Count > 0)
        {
            var id = frontier.Dequeue();
            foreach (var dependentId in graph.DependentsOf(id).OrderBy(d => d, StringComparer.Ordinal))
            {
                if (selectedIds.Contains(dependentId) || bitmap.Find(dependentId)?.Latest is null)
                {
                    continue;
                }

                selectedIds.Add(dependentId);
                auto.Add(declarations.Find(dependentId)!);
                frontier.Enqueue(dependentId);
            }
        }

        // Dependencies of what is tagged (auto-tagged dependents included: they are rebuilt too) must be tagged already and
        // unchanged since, or be tagged now.
        foreach (var component in selected.Concat(auto))
        {
            foreach (var depId in graph.DependenciesOf(component.Id).Where(d => !selectedIds.Contains(d)))
            {
                var dep = declarations.Find(depId)!;
                if (bitmap.Find(depId)?.Latest is null)
                {
                    throw new BitException(
                        DiagnosticCodes.DependencyNotTagged,
                        $"{component.Id} depends on {depId}, which has never been tagged. Tag both: 'dotnet bit tag {depId} {component.Id}' (or 'dotnet bit tag --all').");
                }

                if (IsChanged(dep))
                {
                    throw new BitException(
                        DiagnosticCodes.DependencyModified,
                        $"{component.Id} depends on {depId}, which changed since its last tag ({bitmap.Find(depId)!.Latest!.Version}); " +
                        $"{component.Id}'s package would be built against sources no tag records. Tag both: 'dotnet bit tag {depId} {component.Id}'.");
                }
            }
        }

        var ordered = graph.DependenciesFirst(selectedIds);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = new List<PlannedTag>();
        foreach (var id in ordered)
        {
            var component = declarations.Find(id)!;
            var isAuto = auto.Contains(component);
            var last = bitmap.Find(id)?.Latest?.Version;
            var increment = isAuto ? VersionIncrement.DefaultPatch : request.Increment;
            var version = increment.Next(id, last).ToNormalizedString();
            versions[id] = version;
            var deps = graph.DependenciesOf(id).ToDictionary(d => d, d => versions.GetValueOrDefault(d) ?? bitmap.Find(d)!.Latest!.Version, StringComparer.Ordinal);
            tags.Add(new PlannedTag(id, component.ProjectPath, last, version, Hash(component), deps, isAuto) { Inputs = Inputs(component) });
        }

        return new TagPlan(tags, unchanged);
    }
}
