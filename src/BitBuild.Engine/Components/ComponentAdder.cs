using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Components;

/// <summary><c>dotnet bit add</c>: writes BitComponent items for projects (or folders holding exactly one project).</summary>
public static class ComponentAdder
{
    /// <summary>A component added: its id, its project (workspace-relative), and the package id it will have in the scope it goes to first (null: no scope yet).</summary>
    public sealed record Added(string Id, string Project, string? PackageId = null, string? Scope = null);

    public static IReadOnlyList<Added> Add(Workspace workspace, IReadOnlyList<string> paths, string? id, string? scope, string currentDirectory)
    {
        if (paths.Count == 0)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Name at least one project file or folder to add, e.g. 'dotnet bit add src/hello/world'.") { IsUsageError = true };
        }

        if (id is not null && paths.Count > 1)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "--id names one component; add the projects one at a time to give each its own id.") { IsUsageError = true };
        }

        if (id is not null)
        {
            ComponentId.ValidateArgument(id, "--id");
        }

        if (scope is not null)
        {
            ScopeName.ValidateArgument(scope, "--scope");
        }

        var expanded = paths.Select(p => (Path: p, Projects: Expand(currentDirectory, p))).ToList();
        var projects = expanded.SelectMany(e => e.Projects).Distinct(StringComparer.Ordinal).ToList();
        if (id is not null && projects.Count > 1)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, $"--id names one component, and '{paths[0]}' matches {projects.Count} projects; add them one at a time to give each its own id.") { IsUsageError = true };
        }

        // A pattern names what is there: projects it matches that are components already are left as they are.
        var fromPatterns = expanded.Where(e => e.Path.IndexOfAny(['*', '?']) >= 0).SelectMany(e => e.Projects).ToHashSet(StringComparer.Ordinal);
        using var _ = workspace.Lock();
        var declared = ComponentDiscovery.Evaluate(workspace);
        var added = new List<Added>();
        var declarations = DeclarationsFile.Load(workspace.DeclarationsPath);
        foreach (var project in projects)
        {
            var relative = workspace.Relative(project);
            if (relative.StartsWith("..", StringComparison.Ordinal))
            {
                throw new BitException(DiagnosticCodes.ProjectNotFound, $"{project} is outside the workspace {workspace.Root}; components must live inside it.");
            }

            var existing = declared.Components.FirstOrDefault(c => ComponentDiscovery.PathComparer.Equals(c.ProjectPath, project));
            if (existing is not null && fromPatterns.Contains(project))
            {
                continue;
            }

            if (existing is not null)
            {
                throw new BitException(DiagnosticCodes.ComponentAlreadyAdded, $"{relative} is already the component {existing.Id}.");
            }

            var componentId = id ?? ComponentId.FromFolder(workspace.Relative(Path.GetDirectoryName(project)!));
            ComponentId.Validate(componentId, id is null ? $"derived from {relative}; pass --id to choose one" : "--id");
            string? packageId = null;
            var effectiveScope = scope ?? declared.DefaultScope;
            if (effectiveScope is not null)
            {
                packageId = PackageIds.InScope(effectiveScope, componentId, scope is null ? "with BitDefaultScope" : "with --scope", usageError: id is not null || scope is not null);
            }

            if (declared.Find(componentId) is not null || added.Any(a => a.Id == componentId))
            {
                throw new BitException(DiagnosticCodes.DuplicateComponentId, $"The id {componentId} (derived from {relative}) is already taken; pass --id to choose another.");
            }

            // Id metadata is written only for --id: without it, MSBuild's view and the CLI derive the same id from the folder,
            // and the item stays as short as a hand-written one.
            declarations.AddComponent(relative, id, scope);
            added.Add(new Added(componentId, relative, packageId, effectiveScope));
        }

        declarations.Save(workspace.TempFolder);
        return added;
    }

    /// <summary>
    /// The project files a path names: itself, or the one project in a folder. A path with '*' or '?' in it (quoted, so
    /// the shell leaves it alone: <c>'src/*'</c>) is a pattern, one level per segment: every folder it matches that holds
    /// exactly one project is added, the others are left out, so <c>src/*</c> declares a repository's libraries at once.
    /// </summary>
    private static IReadOnlyList<string> Expand(string currentDirectory, string path)
    {
        if (path.IndexOfAny(['*', '?']) < 0)
        {
            return [ResolveProject(Path.GetFullPath(Path.Combine(currentDirectory, path)))];
        }

        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [Path.IsPathRooted(path) ? Path.GetPathRoot(path)! : currentDirectory];
        foreach (var segment in segments)
        {
            current = segment.IndexOfAny(['*', '?']) < 0
                ? current.Select(c => Path.Combine(c, segment)).Where(p => Directory.Exists(p) || File.Exists(p))
                : current.Where(Directory.Exists).SelectMany(c => Directory.EnumerateFileSystemEntries(c)
                    .Where(e => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(segment, Path.GetFileName(e), ignoreCase: OperatingSystem.IsWindows()))
                    .Order(StringComparer.Ordinal));
        }

        var projects = current.Select(Path.GetFullPath)
            .Select(p => File.Exists(p) ? (WorkspaceFiles.IsProject(Path.GetFileName(p)) ? p : null) : SingleProjectIn(p))
            .OfType<string>()
            .ToList();
        if (projects.Count == 0)
        {
            throw new BitException(DiagnosticCodes.ProjectNotFound, $"No folder that '{path}' matches holds exactly one project file; name the projects or folders to add.");
        }

        return projects;
    }

    private static string? SingleProjectIn(string folder)
    {
        var candidates = Directory.GetFiles(folder, "*.*proj").Where(f => f.EndsWith("proj", StringComparison.OrdinalIgnoreCase)).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string ResolveProject(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            var candidates = Directory.GetFiles(path, "*.*proj").Where(f => f.EndsWith("proj", StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            throw new BitException(
                DiagnosticCodes.ProjectNotFound,
                candidates.Count == 0
                    ? $"{path} holds no project file; a component is an SDK-style project (.csproj, .fsproj, .vbproj)."
                    : $"{path} holds {candidates.Count} project files; name the one to add.");
        }

        throw new BitException(DiagnosticCodes.ProjectNotFound, $"{path} does not exist.");
    }
}
