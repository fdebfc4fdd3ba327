namespace BitBuild.Engine.Discovery;

/// <summary>A <c>BitComponent</c> item as MSBuild evaluated it.</summary>
public sealed record DeclaredComponent(string Id, string ProjectPath, string? Scope)
{
    /// <summary>The folder whose sources make up the component.</summary>
    public string Folder => Path.GetDirectoryName(ProjectPath)!;
}

/// <summary>A <c>BitRemote</c> item: a scope name and where it lives.</summary>
public sealed record DeclaredRemote(string Name, string Source);

/// <summary>What MSBuild sees in the workspace: components, remotes and the default scope.</summary>
public sealed record WorkspaceDeclarations(IReadOnlyList<DeclaredComponent> Components, IReadOnlyList<DeclaredRemote> Remotes, string? DefaultScope)
{
    /// <summary>The MSBuild files the evaluation read (Directory.Build.props, BitWorkspace.props and what they import).</summary>
    public IReadOnlyList<string> ImportedFiles { get; init; } = [];

    /// <summary>
    /// <c>BitScopeHub</c>: the URL of a BitBuild scope server (a hub of many scopes). A scope with no BitRemote and no
    /// NuGet.Config source of its name is <c>{hub}/{scope}/v3/index.json</c>, so no 'remote add' is needed per scope.
    /// </summary>
    public string? ScopeHub { get; init; }

    public DeclaredComponent? Find(string id) => Components.FirstOrDefault(c => c.Id == id);

    /// <summary>The folders of other components inside this one's folder: their files are theirs, not this component's.</summary>
    public IEnumerable<string> NestedComponentFolders(DeclaredComponent component) =>
        Components.Where(other => other.Id != component.Id && IsInside(other.Folder, component.Folder)).Select(other => other.Folder);

    private static bool IsInside(string candidate, string folder)
    {
        var relative = Path.GetRelativePath(folder, candidate);
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    public DeclaredRemote? FindRemote(string scope) => Remotes.FirstOrDefault(r => string.Equals(r.Name, scope, StringComparison.OrdinalIgnoreCase));
}
