using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.MsBuild;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// Turns "something overrode the tagged version" into BIT2011 naming the component, the project, the property and what
/// sets it: a target in a repository file, or in a package's build targets. The check itself runs inside the build
/// (<see cref="TaggedVersionTargets"/>), before a project compiles; this reads its error back and, for the message only,
/// finds the setter in the preprocessed project (<c>dotnet msbuild -pp</c>), which only the failure path pays for.
/// </summary>
internal static class VersionOverrideReport
{
    /// <summary>BIT2011 for the first override the build's check reported, or null when it reported none.</summary>
    public static BitException? FromBuildOutput(Workspace workspace, string output, IReadOnlyList<PackRequest> requests, string generatedTargets)
    {
        var match = Regex.Match(output, TaggedVersionTargets.OverrideErrorPattern);
        if (!match.Success)
        {
            return null;
        }

        var project = match.Groups["project"].Value.Trim();
        var property = match.Groups["property"].Value;
        var id = requests.FirstOrDefault(r => ComponentDiscovery.PathComparer.Equals(r.ProjectPath, project))?.Manifest.Id ?? workspace.Relative(project);
        return Create(
            workspace, id, project, property, match.Groups["value"].Value, match.Groups["expected"].Value, generatedTargets,
            "The check ran before the project was built, so nothing was tagged.");
    }

    /// <summary>BIT2011 for a package that came out with another version than the tagged one (a setter the check ran too early to see).</summary>
    public static BitException AfterPack(Workspace workspace, PackRequest request, string packedVersion, string generatedTargets) =>
        Create(workspace, request.Manifest.Id, request.ProjectPath, "PackageVersion", packedVersion, request.Manifest.Version, generatedTargets,
            "It was set after the project was built, so nothing was tagged.");

    private static BitException Create(Workspace workspace, string id, string project, string property, string value, string expected, string generatedTargets, string when)
    {
        var setters = FindSetters(workspace, project, property, generatedTargets);
        var who = setters.Count == 0
            ? "a target BitBuild could not name (look for it with 'dotnet msbuild -pp' or a binary log, -bl)"
            : string.Join(", ", setters.Select(s => PropertySetterSearch.Describe(workspace, s)));
        return new BitException(
            DiagnosticCodes.TaggedVersionOverridden,
            $"{id}: {property} of {workspace.Relative(project)} is '{value}' instead of the tagged '{expected}', set by {who}, which runs after BitBuild set the " +
            $"tagged version. {when} Make it leave {property} alone while BitBuild tags (Condition=\"'$(BitTagging)' != 'true'\" on the target), then tag again.");
    }

    /// <summary>The targets outside the SDK and outside BitBuild that set the property, as the preprocessed project shows them.</summary>
    private static List<PropertySetter> FindSetters(Workspace workspace, string project, string property, string generatedTargets) =>
        PropertySetterSearch.Find(workspace, project, property)
            .Where(s => !s.InSdk && s.Setter.Target is not null
                && !TaggedVersionTargets.VersioningPackageTargets.Contains(s.Setter.Target)
                && !ComponentDiscovery.PathComparer.Equals(s.Setter.File, generatedTargets))
            .Select(s => s.Setter)
            .DistinctBy(s => (s.File, s.Target))
            .ToList();
}
