using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Files;
using BitBuild.Engine.MsBuild;
using BitBuild.Engine.Processes;
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
            : string.Join(", ", setters.Select(s => Describe(workspace, s)));
        return new BitException(
            DiagnosticCodes.TaggedVersionOverridden,
            $"{id}: {property} of {workspace.Relative(project)} is '{value}' instead of the tagged '{expected}', set by {who}, which runs after BitBuild set the " +
            $"tagged version. {when} Make it leave {property} alone while BitBuild tags (Condition=\"'$(BitTagging)' != 'true'\" on the target), then tag again.");
    }

    /// <summary>The targets outside the SDK and outside BitBuild that set the property, as the preprocessed project shows them.</summary>
    private static List<PropertySetter> FindSetters(Workspace workspace, string project, string property, string generatedTargets)
    {
        var folder = Path.Combine(workspace.TempFolder, OwnedTempName.Create(WorkspaceLeftovers.ProbePrefix));
        Directory.CreateDirectory(folder);
        try
        {
            var preprocessed = Path.Combine(folder, "preprocessed.xml");
            var result = DotNetCli.Run(["msbuild", project, "-nologo", $"-pp:{preprocessed}", "-p:BitTagging=true"], workspace.Root);
            if (result.ExitCode != 0 || !File.Exists(preprocessed))
            {
                return [];
            }

            var sdkRoot = DotNetRoot();
            return PreprocessedProject.FindSetters(File.ReadAllText(preprocessed), [property])
                .Where(s => s.Target is not null
                    && !TaggedVersionTargets.VersioningPackageTargets.Contains(s.Target)
                    && !ComponentDiscovery.PathComparer.Equals(s.File, generatedTargets)
                    && (sdkRoot is null || !s.File.StartsWith(sdkRoot, StringComparison.Ordinal)))
                .DistinctBy(s => (s.File, s.Target))
                .ToList();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>"target 'X' in Directory.Build.targets", or "target 'X' of package Some.Package 1.2.3" for a package's build targets.</summary>
    private static string Describe(Workspace workspace, PropertySetter setter)
    {
        var packages = GlobalPackagesFolder(workspace);
        if (packages is not null && setter.File.StartsWith(packages, StringComparison.Ordinal))
        {
            var parts = setter.File[packages.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2)
            {
                return $"target '{setter.Target}' of package {parts[0]} {parts[1]}";
            }
        }

        var inWorkspace = !Path.GetRelativePath(workspace.Root, setter.File).StartsWith("..", StringComparison.Ordinal);
        return $"target '{setter.Target}' in {(inWorkspace ? workspace.Relative(setter.File) : setter.File)}";
    }

    private static string? GlobalPackagesFolder(Workspace workspace)
    {
        try
        {
            var folder = NuGet.Configuration.SettingsUtility.GetGlobalPackagesFolder(NuGet.Configuration.Settings.LoadDefaultSettings(workspace.Root));
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        }
        catch (NuGet.Configuration.NuGetConfigurationException)
        {
            return null;
        }
    }

    /// <summary>The .NET installation the SDK's own targets live in (three folders above the runtime: dotnet/shared/Microsoft.NETCore.App/x.y.z).</summary>
    private static string? DotNetRoot()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        return root is null ? null : Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
    }
}
