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

    public DeclaredComponent? Find(string id) => Components.FirstOrDefault(c => c.Id == id);

    public DeclaredRemote? FindRemote(string scope) => Remotes.FirstOrDefault(r => string.Equals(r.Name, scope, StringComparison.OrdinalIgnoreCase));
}
