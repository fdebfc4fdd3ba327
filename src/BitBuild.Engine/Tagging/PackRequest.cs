using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Tagging;

/// <summary>One component version to pack into the local scope: its project, the sources to embed and the manifest.</summary>
public sealed record PackRequest(string ProjectPath, IReadOnlyList<string> SourceFiles, ComponentManifest Manifest)
{
    public string SourceFolder => Path.GetDirectoryName(ProjectPath)!;

    /// <summary>
    /// The build inputs from outside the component's folder that travel with it: full path on disk, and workspace-relative
    /// path (the package holds it under <see cref="ComponentManifest.WorkspaceFolderInPackage"/>).
    /// </summary>
    public IReadOnlyList<(string FullPath, string WorkspacePath)> WorkspaceFiles { get; init; } = [];

    /// <summary>
    /// The projects the component's build needs built first without depending on them (build-only references, projects
    /// whose output it packs by path), full paths: tag's build references each one the project does not reference
    /// itself, so it is built in the component's configuration before the component packs its output.
    /// </summary>
    public IReadOnlyList<string> BuildOnlyProjects { get; init; } = [];

    /// <summary>
    /// What the local scope keeps for one tagged version (at tag time, and when export rebuilds a missing package from a
    /// fresh clone): the component's source files and a manifest with scope-neutral <c>bitlocal.*</c> package ids.
    /// </summary>
    public static PackRequest ForLocalScope(Workspaces.Workspace workspace, WorkspaceDeclarations declarations, string id, string version, string hash, string? message, DateTimeOffset time, IReadOnlyDictionary<string, string> dependencies, IReadOnlyDictionary<string, string>? inputs)
    {
        var component = declarations.Find(id)!;
        var manifest = new ComponentManifest
        {
            Id = id,
            Version = version,
            Hash = hash,
            Message = message,
            Time = time,
            Scope = null,
            PackageId = PackageIds.Local(id),
            Dependencies = dependencies.Select(d => new ManifestDependency(d.Key, d.Value, null, PackageIds.Local(d.Key))).ToList(),
            Inputs = inputs is null ? null : new SortedDictionary<string, string>(inputs.ToDictionary(), StringComparer.Ordinal),
        };
        return new PackRequest(component.ProjectPath, Hashing.SourceFiles.List(component.Folder, declarations.NestedComponentFolders(component)), manifest)
        {
            WorkspaceFiles = inputs is null ? [] : Hashing.BuildInputs.FilesOf(inputs, workspace.Root),
            BuildOnlyProjects = inputs is null ? [] : Hashing.BuildInputs.BuildOnlyProjectsOf(inputs, workspace.Root),
        };
    }
}
