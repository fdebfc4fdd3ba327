using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Workspaces;

/// <summary><c>dotnet bit init</c>: declarations file, Directory.Build.props import, empty .bitmap, .bit/ git-ignored.</summary>
public static class WorkspaceInitializer
{
    public sealed record Result(Workspace Workspace, IReadOnlyList<string> CreatedOrChanged, bool AlreadyInitialised)
    {
        /// <summary>What init could not set up itself and the user must (code, message).</summary>
        public IReadOnlyList<(string Code, string Message)> Warnings { get; init; } = [];
    }

    public static Result Initialize(string folder, string? defaultScope, bool referenceMsBuildPackage = false)
    {
        if (defaultScope is not null)
        {
            ScopeName.ValidateArgument(defaultScope, "--default-scope");
        }

        var workspace = Workspace.At(folder);
        Directory.CreateDirectory(workspace.Root);
        var changed = new List<string>();
        var warnings = new List<(string Code, string Message)>();
        var already = File.Exists(workspace.DeclarationsPath) && File.Exists(workspace.BitmapPath);
        using (workspace.Lock())
        {
            if (!File.Exists(workspace.DeclarationsPath))
            {
                AtomicFile.WriteAllText(workspace.DeclarationsPath, DeclarationsFile.Template(defaultScope));
                changed.Add(Workspace.DeclarationsFileName);
            }
            else if (defaultScope is not null)
            {
                var declarations = DeclarationsFile.Load(workspace.DeclarationsPath);
                declarations.SetDefaultScope(defaultScope);
                declarations.Save();
                changed.Add(Workspace.DeclarationsFileName);
            }

            if (EnsureImported(workspace))
            {
                changed.Add("Directory.Build.props");
            }

            var settings = EnsureDeclarationsVisible(workspace, changed, probeAnyway: referenceMsBuildPackage);
            if (referenceMsBuildPackage && MsBuildPackageReference.Ensure(workspace, settings) is { } referencedIn && !changed.Contains(referencedIn))
            {
                changed.Add(referencedIn);
            }

            if (referenceMsBuildPackage)
            {
                var mapping = MsBuildPackageSourceMapping.Ensure(workspace);
                if (mapping.ChangedFile is { } config && !changed.Contains(config))
                {
                    changed.Add(config);
                }

                if (mapping.Warning is { } unmapped)
                {
                    warnings.Add((DiagnosticCodes.BitBuildPackageNotMapped, unmapped));
                }
            }

            if (!File.Exists(workspace.BitmapPath))
            {
                workspace.WriteBitmap(new Bitmap());
                changed.Add(BitmapFile.FileName);
            }

            if (EnsureGitIgnored(workspace))
            {
                changed.Add(".gitignore");
            }
        }

        return new Result(workspace, changed, already && changed.Count == 0) { Warnings = warnings };
    }

    private const string ImportLine = "<Import Project=\"$(MSBuildThisFileDirectory)BitWorkspace.props\" Condition=\"Exists('$(MSBuildThisFileDirectory)BitWorkspace.props')\" />";

    private static bool EnsureImported(Workspace workspace)
    {
        var path = workspace.DirectoryBuildPropsPath;
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, $"<Project>\n  <!-- Makes the BitBuild declarations (components, remotes, default scope) visible to every project. -->\n  {ImportLine}\n</Project>\n");
            return true;
        }

        var text = File.ReadAllText(path);
        if (text.Contains(Workspace.DeclarationsFileName, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            XmlTextEdit.EditFile(path, existing => XmlTextEdit.InsertFirstInRoot(existing, ImportLine));
        }
        catch (System.Xml.XmlException ex)
        {
            throw new BitException(DiagnosticCodes.MsBuildEvaluationFailed, $"{path} is not valid XML ({ex.Message}); fix it, then run 'dotnet bit init' again.", path, ex.LineNumber, ex.LinePosition);
        }

        return true;
    }

    /// <summary>
    /// Every project must see BitWorkspace.props (BitBuild's targets read <c>BitWorkspaceRoot</c>), which the root
    /// Directory.Build.props imports. A project imports only the nearest Directory.Build.props above it, so one in
    /// src/ that does not import the root one hides the declarations from every project below it: the import is added
    /// there too. Then the projects are evaluated to prove it (one per Directory.Build.props); a project that still
    /// does not see them (it turns Directory.Build.props off) is BIT1015, saying what to add where. Without nested
    /// Directory.Build.props there is nothing to check, and no evaluation is spent, unless <paramref name="probeAnyway"/>.
    /// </summary>
    private static IReadOnlyList<ProjectSettings> EnsureDeclarationsVisible(Workspace workspace, List<string> changed, bool probeAnyway)
    {
        var nested = WorkspaceFiles.Under(workspace.Root, name => name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase))
            .Any(f => !string.Equals(f, workspace.DirectoryBuildPropsPath, StringComparison.Ordinal));
        if (!nested && !probeAnyway)
        {
            return [];
        }

        var settings = ProjectSettingsProbe.Run(workspace, ProjectSettingsProbe.RepresentativeProjects(workspace));
        var blind = settings.Where(s => !s.SeesDeclarations).ToList();
        if (blind.Count == 0)
        {
            return settings;
        }

        foreach (var props in blind.Select(s => s.DirectoryBuildProps).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(p => !string.Equals(p, workspace.DirectoryBuildPropsPath, StringComparison.Ordinal) && p.StartsWith(workspace.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            XmlTextEdit.EditFile(props, text => XmlTextEdit.InsertFirstInRoot(text, NestedImportLine(workspace, props)));
            changed.Add(workspace.Relative(props));
        }

        var recheck = ProjectSettingsProbe.Run(workspace, blind.Select(s => s.ProjectPath).ToList());
        if (recheck.FirstOrDefault(s => !s.SeesDeclarations) is { } still)
        {
            var where = still.DirectoryBuildProps is null || string.Equals(still.DirectoryBuildProps, workspace.DirectoryBuildPropsPath, StringComparison.Ordinal)
                ? workspace.Relative(still.ProjectPath)
                : workspace.Relative(still.DirectoryBuildProps);
            var line = where == workspace.Relative(still.ProjectPath) ? NestedImportLine(workspace, still.ProjectPath) : NestedImportLine(workspace, still.DirectoryBuildProps!);
            throw new BitException(
                DiagnosticCodes.DeclarationsNotVisible,
                $"{workspace.Relative(still.ProjectPath)} does not see the BitBuild declarations ({Workspace.DeclarationsFileName}): " +
                (still.DirectoryBuildProps is null ? "it imports no Directory.Build.props (ImportDirectoryBuildProps is false?)" : $"it imports {workspace.Relative(still.DirectoryBuildProps)}, which does not import them") +
                $". Add this line to {where}, inside <Project>, then run 'dotnet bit init' again:\n  {line}",
                still.ProjectPath);
        }

        return settings.Select(s => recheck.FirstOrDefault(r => r.ProjectPath == s.ProjectPath) ?? s).ToList();
    }

    /// <summary>The import of BitWorkspace.props for an MSBuild file below the root, by a path relative to that file.</summary>
    private static string NestedImportLine(Workspace workspace, string file)
    {
        var up = Path.GetRelativePath(Path.GetDirectoryName(file)!, workspace.Root).Replace('\\', '/');
        var path = $"$(MSBuildThisFileDirectory){(up == "." ? "" : up + "/")}{Workspace.DeclarationsFileName}";
        return $"<Import Project=\"{path}\" Condition=\"Exists('{path}')\" />";
    }

    private static bool EnsureGitIgnored(Workspace workspace)
    {
        var path = Path.Combine(workspace.Root, ".gitignore");
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Any(l => l.Trim() is ".bit/" or ".bit" or "/.bit/" or "/.bit"))
        {
            return false;
        }

        var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            text += "\n";
        }

        AtomicFile.WriteAllText(path, text + "# BitBuild's local scope: tagged packages, rebuilt from .bitmap when missing\n/.bit/\n");
        return true;
    }
}
