using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Eject;

/// <summary>A component eject may remove: declared, unchanged since its tag, and that tag is in its primary scope.</summary>
public sealed record EjectCandidate(DeclaredComponent Component, ComponentState State, string Scope, TaggedVersion Version);

/// <summary>
/// The refusals. Eject only replaces a project by a package that holds exactly its sources, so it refuses anything else:
/// an unknown id (BIT4001), a component never exported (BIT4002), one whose latest tag is not yet in its primary scope
/// (BIT4003), and one modified since its tag (BIT4004), whose changes would be lost with the folder.
/// </summary>
public static class EjectValidator
{
    public static IReadOnlyList<EjectCandidate> Check(IReadOnlyList<string> patterns, WorkspaceDeclarations declarations, Bitmap bitmap, Func<DeclaredComponent, string> currentHash)
    {
        var ids = Expand(patterns, declarations, bitmap);
        var result = new List<EjectCandidate>();
        foreach (var id in ids)
        {
            var component = declarations.Find(id);
            var state = bitmap.Find(id);
            if (component is null)
            {
                throw new BitException(
                    DiagnosticCodes.EjectUnknownComponent,
                    state is null
                        ? $"There is no component {id} in this workspace ('dotnet bit list' shows the components). Nothing was changed."
                        : $"{id} is in .bitmap but no BitComponent item declares it any more, so there is no project to eject. Nothing was changed.");
            }

            var latest = state?.Latest;
            if (state is null || latest is null || (state.Scope is null && state.Versions.All(v => v.ExportedTo.Count == 0)))
            {
                throw new BitException(
                    DiagnosticCodes.EjectNeverExported,
                    $"{id} was never exported, so there is no package to replace it with. " +
                    (latest is null ? "Tag it ('dotnet bit tag " + id + "') and export it" : "Export it") +
                    $" ('dotnet bit export <scope> {id}'), or use 'dotnet bit export <scope> --eject'. Nothing was changed.");
            }

            if (currentHash(component) != latest.Hash)
            {
                throw new BitException(
                    DiagnosticCodes.EjectModified,
                    $"{id} was modified since its tag {latest.Version}; ejecting it would delete those changes. " +
                    $"Tag and export the changes first ('dotnet bit tag {id}', then 'dotnet bit export'), or discard them. Nothing was changed.");
            }

            if (state.Scope is null || !latest.ExportedTo.Contains(state.Scope))
            {
                var where = state.Scope is null ? "it has no primary scope yet" : $"its primary scope is {state.Scope}";
                throw new BitException(
                    DiagnosticCodes.EjectStaged,
                    $"{id} {latest.Version} is staged: {where} and that version is not there" +
                    (latest.ExportedTo.Count > 0 ? $" (it was exported to {string.Join(", ", latest.ExportedTo)})" : string.Empty) +
                    $". Export it to its primary scope first ('dotnet bit export {state.Scope ?? "<scope>"} {id}'). Nothing was changed.");
            }

            result.Add(new EjectCandidate(component, state, state.Scope, latest));
        }

        return result;
    }

    private static List<string> Expand(IReadOnlyList<string> patterns, WorkspaceDeclarations declarations, Bitmap bitmap)
    {
        var known = declarations.Components.Select(c => c.Id).Concat(bitmap.Components.Keys).Distinct(StringComparer.Ordinal).ToList();
        var ids = new List<string>();
        foreach (var pattern in patterns)
        {
            ComponentId.ValidateArgument(pattern.Replace("*", "x", StringComparison.Ordinal), $"in the ids to eject: {pattern}");
            if (!pattern.Contains('*', StringComparison.Ordinal))
            {
                ids.Add(pattern);
                continue;
            }

            var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("[^/]*[^/]*", ".*", StringComparison.Ordinal) + "$");
            var matches = known.Where(id => regex.IsMatch(id)).ToList();
            if (matches.Count == 0)
            {
                throw new BitException(DiagnosticCodes.EjectUnknownComponent, $"No component matches '{pattern}' ('dotnet bit list' shows the components). Nothing was changed.");
            }

            ids.AddRange(matches);
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}
