using BitBuild.Engine.Discovery;
using BitBuild.Engine.Files;
using BitBuild.Engine.Processes;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.MsBuild;

/// <summary>
/// Finds what sets a property in a project — a file of the repository, a package's build files, the SDK — by
/// preprocessing the project (<c>dotnet msbuild -pp</c>) and reading the setters from it (<see cref="PreprocessedProject"/>).
/// One MSBuild evaluation: for error messages, not for every run.
/// </summary>
public static class PropertySetterSearch
{
    /// <summary>Every setter of the property in evaluation order, with whether it is the SDK's own; empty when the project cannot be preprocessed.</summary>
    public static IReadOnlyList<(PropertySetter Setter, bool InSdk)> Find(Workspace workspace, string project, string property)
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
                .Select(s => (s, sdkRoot is not null && s.File.StartsWith(sdkRoot, StringComparison.Ordinal)))
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

    /// <summary>
    /// "target 'X' in Directory.Build.targets", "Directory.Build.props", "package Some.Package 1.2.3 (target 'X')": where
    /// the setter is, relative to the workspace when inside it, by package id and version when in the packages folder.
    /// </summary>
    public static string Describe(Workspace workspace, PropertySetter setter)
    {
        var where = WhereIs(workspace, setter.File);
        return setter.Target is null ? where : $"target '{setter.Target}' in {where}";
    }

    private static string WhereIs(Workspace workspace, string file)
    {
        var packages = GlobalPackagesFolder(workspace);
        if (packages is not null && file.StartsWith(packages, StringComparison.Ordinal))
        {
            var parts = file[packages.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2)
            {
                return $"package {parts[0]} {parts[1]}";
            }
        }

        var relative = Path.GetRelativePath(workspace.Root, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : workspace.Relative(file);
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
        return string.IsNullOrEmpty(runtime) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."))) + Path.DirectorySeparatorChar;
    }
}
