using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// Which components depend on which, from their ProjectReferences. A reference to a project that is not a component is
/// an error: its package would depend on something no scope can hold.
/// </summary>
public sealed class ComponentGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> dependencies;

    public ComponentGraph(Dictionary<string, IReadOnlyList<string>> dependencies) => this.dependencies = dependencies;

    public static ComponentGraph FromReferences(WorkspaceDeclarations declarations, IReadOnlyDictionary<string, IReadOnlyList<string>> references, Func<string, string> relative)
    {
        var byPath = declarations.Components.ToDictionary(c => c.ProjectPath, c => c.Id, ComponentDiscovery.PathComparer);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var component in declarations.Components)
        {
            var deps = new List<string>();
            foreach (var path in references.GetValueOrDefault(component.Id) ?? [])
            {
                if (!byPath.TryGetValue(path, out var depId))
                {
                    throw new BitException(
                        DiagnosticCodes.DependencyNotAComponent,
                        $"Component {component.Id} references the project {relative(path)}, which is not a component, so its package could not be resolved from a scope. " +
                        $"Declare it as a component ('dotnet bit add {relative(path)}') or replace the ProjectReference with a PackageReference.",
                        component.ProjectPath);
                }

                deps.Add(depId);
            }

            result[component.Id] = deps.Distinct().OrderBy(d => d, StringComparer.Ordinal).ToList();
        }

        return new ComponentGraph(result);
    }

    public IReadOnlyList<string> DependenciesOf(string id) => dependencies.GetValueOrDefault(id) ?? [];

    public IEnumerable<string> DependentsOf(string id) => dependencies.Where(d => d.Value.Contains(id)).Select(d => d.Key);

    /// <summary>Orders <paramref name="ids"/> so every component comes after the ones it depends on.</summary>
    public IReadOnlyList<string> DependenciesFirst(IEnumerable<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        var ordered = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        foreach (var id in set.OrderBy(i => i, StringComparer.Ordinal))
        {
            Visit(id, [], set, state, ordered);
        }

        return ordered;
    }

    private void Visit(string id, List<string> path, HashSet<string> set, Dictionary<string, int> state, List<string> ordered)
    {
        if (state.TryGetValue(id, out var s))
        {
            if (s == 1)
            {
                var cycle = path.SkipWhile(p => p != id).Append(id);
                throw new BitException(DiagnosticCodes.DependencyCycle, $"Components depend on each other in a cycle ({string.Join(" -> ", cycle)}); a package cannot depend on itself. Break the cycle.");
            }

            return;
        }

        state[id] = 1;
        path.Add(id);
        foreach (var dep in DependenciesOf(id).Where(set.Contains))
        {
            Visit(dep, path, set, state, ordered);
        }

        path.RemoveAt(path.Count - 1);
        state[id] = 2;
        ordered.Add(id);
    }
}
