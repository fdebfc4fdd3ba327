namespace BitBuild.Engine.Eject;

/// <summary>A ProjectReference that became a PackageReference (paths relative to the workspace root, '/' separators).</summary>
public sealed record ReferenceRewrite(string Project, string Component, string PackageId, string Version, bool Central);

/// <summary>One ejected component: the package that replaces it and the projects now referencing that package.</summary>
public sealed record EjectedComponent(string Id, string Scope, string PackageId, string Version, string Project, string Folder, IReadOnlyList<string> ReferencedBy);

/// <summary>
/// What eject did (or, with <see cref="DryRun"/>, would do). Paths are relative to the workspace root with '/' separators.
/// </summary>
public sealed record EjectResult(
    bool DryRun,
    IReadOnlyList<EjectedComponent> Components,
    IReadOnlyList<ReferenceRewrite> Rewrites,
    IReadOnlyList<string> ChangedFiles,
    IReadOnlyList<string> CreatedFiles,
    IReadOnlyList<string> RemovedFolders,
    IReadOnlyList<string> RestoredProjects);
