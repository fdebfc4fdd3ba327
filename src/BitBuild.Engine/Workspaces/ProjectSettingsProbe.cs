using System.Security;
using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Files;
using BitBuild.Engine.Processes;

namespace BitBuild.Engine.Workspaces;

/// <summary>What <c>init</c> needs to know about how a project is evaluated: the repository's settings as MSBuild sees them.</summary>
/// <param name="ProjectPath">The project, full path.</param>
/// <param name="CentralPackageManagement">Whether <c>ManagePackageVersionsCentrally</c> is true, wherever it is set.</param>
/// <param name="DirectoryPackagesProps">The Directory.Packages.props NuGet uses for it, when there is one.</param>
/// <param name="DirectoryBuildProps">The Directory.Build.props the SDK imports into it (the nearest one above it), if any.</param>
/// <param name="SeesDeclarations">Whether BitWorkspace.props is imported into it (<c>BitWorkspaceRoot</c> is set).</param>
public sealed record ProjectSettings(string ProjectPath, bool CentralPackageManagement, string? DirectoryPackagesProps, string? DirectoryBuildProps, bool SeesDeclarations);

/// <summary>
/// Evaluates projects in one MSBuild run (a generated project calls a target injected into each through
/// <c>CustomAfterMicrosoftCommonTargets</c>) and reports their <see cref="ProjectSettings"/>. Reading the files instead
/// would miss settings made wherever a repository makes them: central package management switched on in
/// Directory.Build.props, a Directory.Build.props in src/ that does not import the root one.
/// </summary>
public static class ProjectSettingsProbe
{
    public static IReadOnlyList<ProjectSettings> Run(Workspace workspace, IReadOnlyList<string> projects)
    {
        if (projects.Count == 0)
        {
            return [];
        }

        var folder = Path.Combine(workspace.TempFolder, OwnedTempName.Create(WorkspaceLeftovers.ProbePrefix));
        Directory.CreateDirectory(folder);
        try
        {
            var probe = Path.Combine(folder, "BitSettings.proj");
            var targets = Path.Combine(folder, "BitSettings.targets");
            File.WriteAllText(targets, SettingsTargets);
            var items = string.Join("\n", projects.Select(p => $"    <_BitProbedProject Include=\"{SecurityElement.Escape(p)}\" />"));
            var injected = SecurityElement.Escape(targets);
            File.WriteAllText(probe, $"""
                <Project>
                  <ItemGroup>
                {items}
                  </ItemGroup>
                  <Target Name="BitProjectSettings" Returns="@(_BitProjectSettings)">
                    <MSBuild Projects="@(_BitProbedProject)" Targets="BitReportSettings" BuildInParallel="true"
                             Properties="CustomAfterMicrosoftCommonTargets={injected};CustomAfterMicrosoftCommonCrossTargetingTargets={injected};BitDescribing=true">
                      <Output TaskParameter="TargetOutputs" ItemName="_BitProjectSettings" />
                    </MSBuild>
                  </Target>
                </Project>
                """);
            var result = DotNetCli.Run(["msbuild", probe, "-nologo", "-t:BitProjectSettings", "-getTargetResult:BitProjectSettings"], workspace.Root);
            if (result.ExitCode != 0)
            {
                throw new BitException(
                    DiagnosticCodes.MsBuildEvaluationFailed,
                    $"MSBuild could not evaluate {string.Join(", ", projects.Select(workspace.Relative))} to check how the repository is set up:\n{ComponentDiscovery.ErrorLines(result.CombinedOutput)}\n" +
                    "Fix the MSBuild error shown, then run 'dotnet bit init' again.");
            }

            return Parse(result.StandardOutput);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover probe folder is removed by the next command (WorkspaceLeftovers).
            }
        }
    }

    /// <summary>
    /// One project per Directory.Build.props that projects import (the nearest above each), and one for projects with
    /// none: projects that import the same one are set up alike, and evaluating each of hundreds would take minutes.
    /// </summary>
    public static IReadOnlyList<string> RepresentativeProjects(Workspace workspace)
    {
        var root = Path.TrimEndingDirectorySeparator(workspace.Root);
        var files = WorkspaceFiles.Under(root, name => WorkspaceFiles.IsProject(name) || name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase)).ToList();
        var propsFolders = files.Where(f => Path.GetFileName(f).Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetDirectoryName)
            .OfType<string>()
            .ToHashSet(ComponentDiscovery.PathComparer);
        return files.Where(f => WorkspaceFiles.IsProject(Path.GetFileName(f)) && !f.StartsWith(workspace.TempFolder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .GroupBy(f => NearestPropsFolder(Path.GetDirectoryName(f)!, root, propsFolders) ?? string.Empty, ComponentDiscovery.PathComparer)
            .Select(g => g.First())
            .ToList();
    }

    private static string? NearestPropsFolder(string folder, string root, HashSet<string> propsFolders)
    {
        for (var current = folder; current is not null && current.Length >= root.Length; current = Path.GetDirectoryName(current))
        {
            if (propsFolders.Contains(current))
            {
                return current;
            }
        }

        return null;
    }

    private const string SettingsTargets = """
        <Project>
          <Target Name="BitReportSettings" Returns="@(_BitSettings)">
            <ItemGroup>
              <_BitSettings Include="$(MSBuildProjectFullPath)" Cpm="$(ManagePackageVersionsCentrally)" PackagesProps="$(DirectoryPackagesPropsPath)"
                            BuildProps="$(DirectoryBuildPropsPath)" WorkspaceRoot="$(BitWorkspaceRoot)" />
            </ItemGroup>
          </Target>
        </Project>
        """;

    private static List<ProjectSettings> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var settings = new List<ProjectSettings>();
        if (!document.RootElement.TryGetProperty("TargetResults", out var results) || !results.TryGetProperty("BitProjectSettings", out var target)
            || !target.TryGetProperty("Items", out var items))
        {
            return settings;
        }

        foreach (var item in items.EnumerateArray())
        {
            string? Value(string name) => item.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s ? s : null;
            settings.Add(new ProjectSettings(
                Path.GetFullPath(Value("Identity")!),
                string.Equals(Value("Cpm"), "true", StringComparison.OrdinalIgnoreCase),
                Value("PackagesProps") is { } packages && File.Exists(packages) ? Path.GetFullPath(packages) : null,
                Value("BuildProps") is { } build && File.Exists(build) ? Path.GetFullPath(build) : null,
                Value("WorkspaceRoot") is not null));
        }

        return settings;
    }
}
