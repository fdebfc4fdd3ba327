using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Eject;

/// <summary>Works out <see cref="EjectPlan"/> from the workspace's files; reads only, writes nothing.</summary>
internal static class EjectPlanner
{
    /// <summary>A file eject must edit does not parse; the operation turns it into a BIT error naming the file.</summary>
    public sealed class UnreadableFileException(string path, System.Xml.XmlException inner) : Exception(inner.Message, inner)
    {
        public string Path { get; } = path;
    }

    public static EjectPlan Plan(Workspace workspace, WorkspaceDeclarations declarations, Bitmap bitmap, IReadOnlyList<EjectCandidate> candidates)
    {
        var replacements = candidates
            .Select(c => new PackageReplacement(c.Component.ProjectPath, PackageIds.InScope(c.Scope, c.Component.Id), c.Version.Version))
            .ToList();
        var folders = candidates.Select(c => Path.GetFullPath(c.Component.Folder)).Distinct(WorkspaceFiles.PathComparer).ToList();
        var allProjects = WorkspaceFiles.Projects(workspace.Root);
        CheckFolders(workspace, candidates, allProjects);

        var remaining = allProjects.Where(p => !folders.Any(f => WorkspaceFiles.IsInside(p, f))).ToList();
        var writes = new List<KeyValuePair<string, byte[]>>();
        var pending = new Dictionary<string, byte[]>(WorkspaceFiles.PathComparer);
        var rewrites = new List<ReferenceRewrite>();
        var restore = new List<string>();

        // 1. ProjectReference → PackageReference in every project that stays (and, under CPM, the PackageVersion).
        foreach (var project in remaining)
        {
            var bytes = File.ReadAllBytes(project);
            var props = Xml(project, () => CentralPackageVersions.PropsFileFor(project, bytes));
            IReadOnlyList<PackageReplacement> applied = [];
            var updated = Xml(project, () => ProjectReferenceRewriter.Rewrite(bytes, project, replacements, props is not null, out applied));
            if (updated is null)
            {
                continue;
            }

            Stage(writes, pending, project, updated);
            restore.Add(project);
            foreach (var replacement in applied)
            {
                var component = candidates.First(c => WorkspaceFiles.PathComparer.Equals(c.Component.ProjectPath, replacement.ProjectPath)).Component.Id;
                rewrites.Add(new ReferenceRewrite(workspace.Relative(project), component, replacement.PackageId, replacement.Version, props is not null));
                if (props is null)
                {
                    continue;
                }

                if (!WorkspaceFiles.IsInside(props, workspace.Root))
                {
                    throw new BitException(
                        DiagnosticCodes.EjectStepFailed,
                        $"{workspace.Relative(project)} takes its package versions from {props}, outside the workspace; eject only edits files inside the workspace. " +
                        $"Add <PackageVersion Include=\"{replacement.PackageId}\" Version=\"{replacement.Version}\" /> there and run eject again, or add a Directory.Packages.props to the workspace. Nothing was changed.");
                }

                var current = pending.TryGetValue(props, out var staged) ? staged : File.ReadAllBytes(props);
                var withVersion = Xml(props, () => CentralPackageVersions.SetPackageVersion(current, replacement.PackageId, replacement.Version));
                if (withVersion is not null)
                {
                    Stage(writes, pending, props, withVersion);
                }
            }
        }

        // 2. NuGet.Config: each scope's source, and a source mapping pattern when the repository maps sources.
        var configPath = NuGetConfigEditor.FindRootConfig(workspace.Root) ?? Path.Combine(workspace.Root, "NuGet.Config");
        var config = File.Exists(configPath) ? File.ReadAllBytes(configPath) : null;
        var configChanged = false;
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in candidates.GroupBy(c => c.Scope, StringComparer.Ordinal))
        {
            var location = ScopeSource.Resolve(workspace, declarations, group.Key);
            locations[group.Key] = location;
            var change = NuGetConfigEditor.Plan(workspace.Root, group.Key, location, group.Select(c => PackageIds.InScope(c.Scope, c.Component.Id)));
            if (!change.IsEmpty)
            {
                var before = config;
                config = Xml(configPath, () => NuGetConfigEditor.Apply(before, change));
                configChanged = true;
            }
        }

        if (configChanged)
        {
            Stage(writes, pending, configPath, config!);
        }

        // 3. Solutions that list an ejected project.
        var ejectedProjects = candidates.Select(c => c.Component.ProjectPath).ToList();
        var slnRemovals = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var solution in WorkspaceFiles.Solutions(workspace.Root).Where(s => !folders.Any(f => WorkspaceFiles.IsInside(s, f))))
        {
            var listed = Xml(solution, () => SolutionFiles.ListedProjects(solution, ejectedProjects));
            if (listed.Count == 0)
            {
                continue;
            }

            if (SolutionFiles.IsSlnx(solution))
            {
                Stage(writes, pending, solution, Xml(solution, () => SolutionFiles.RemoveFromSlnx(File.ReadAllBytes(solution), solution, listed.ToList())));
            }
            else
            {
                slnRemovals.Add(new(solution, listed));
            }
        }

        // 4. Declarations and .bitmap.
        var verify = true;
        if (File.Exists(workspace.DeclarationsPath))
        {
            verify = false;
            var declarationsFile = Xml(workspace.DeclarationsPath, () => DeclarationsFile.Load(workspace.DeclarationsPath));
            foreach (var candidate in candidates)
            {
                var relative = workspace.Relative(candidate.Component.ProjectPath);
                if (!declarationsFile.RemoveComponent(relative))
                {
                    declarationsFile.ExcludeComponent(relative);
                    verify = true;
                }
            }

            Stage(writes, pending, workspace.DeclarationsPath, declarationsFile.ToBytes());
        }

        foreach (var candidate in candidates)
        {
            bitmap.Components.Remove(candidate.Component.Id);
        }

        Stage(writes, pending, workspace.BitmapPath, BitmapFile.Serialize(bitmap));

        var components = candidates.Select(c => new EjectedComponent(
            c.Component.Id,
            c.Scope,
            PackageIds.InScope(c.Scope, c.Component.Id),
            c.Version.Version,
            workspace.Relative(c.Component.ProjectPath),
            workspace.Relative(c.Component.Folder),
            rewrites.Where(r => r.Component == c.Component.Id).Select(r => r.Project).Distinct(StringComparer.Ordinal).ToList())).ToList();

        return new EjectPlan
        {
            Candidates = candidates,
            Components = components,
            Rewrites = rewrites,
            Writes = writes,
            SlnRemovals = slnRemovals,
            Folders = folders,
            RestoreProjects = restore,
            RemainingProjects = remaining,
            ScopeLocations = locations,
            VerifyDeclarations = verify,
        };
    }

    private static T Xml<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (System.Xml.XmlException ex)
        {
            throw new UnreadableFileException(path, ex);
        }
    }

    private static void Stage(List<KeyValuePair<string, byte[]>> writes, Dictionary<string, byte[]> pending, string path, byte[] content)
    {
        var index = writes.FindIndex(w => WorkspaceFiles.PathComparer.Equals(w.Key, path));
        if (index >= 0)
        {
            writes[index] = new(path, content);
        }
        else
        {
            writes.Add(new(path, content));
        }

        pending[path] = content;
    }

    /// <summary>Deleting a component's folder must not take anything else with it: the workspace root, or other projects.</summary>
    private static void CheckFolders(Workspace workspace, IReadOnlyList<EjectCandidate> candidates, IReadOnlyList<string> allProjects)
    {
        foreach (var candidate in candidates)
        {
            var folder = Path.GetFullPath(candidate.Component.Folder);
            if (!WorkspaceFiles.IsInside(folder, workspace.Root) || WorkspaceFiles.PathComparer.Equals(folder.TrimEnd(Path.DirectorySeparatorChar), workspace.Root))
            {
                throw new BitException(
                    DiagnosticCodes.EjectFolderHoldsOtherProjects,
                    $"{candidate.Component.Id}'s project is in {folder}, which is the workspace root or outside it; eject deletes the component's folder, so it only ejects components in their own subfolder. " +
                    "Move the project into its own folder first. Nothing was changed.");
            }

            var others = allProjects
                .Where(p => WorkspaceFiles.IsInside(p, folder))
                .Where(p => !candidates.Any(c => WorkspaceFiles.PathComparer.Equals(c.Component.ProjectPath, p)))
                .Select(workspace.Relative)
                .ToList();
            if (others.Count > 0)
            {
                throw new BitException(
                    DiagnosticCodes.EjectFolderHoldsOtherProjects,
                    $"{candidate.Component.Id}'s folder {workspace.Relative(folder)} also holds {string.Join(", ", others)}; ejecting it would delete {(others.Count == 1 ? "that project" : "those projects")}. " +
                    "Eject them together (if they are exported components) or move them out first. Nothing was changed.");
            }
        }
    }
}
