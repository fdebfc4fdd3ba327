using BitBuild.Engine.Packages;

namespace BitBuild.Server.Storage;

/// <summary>What a version folder's meta.json records about its package, read once when the package was uploaded.</summary>
public sealed record PackageMeta
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public string? Authors { get; init; }

    public IReadOnlyList<string> PackageTypes { get; init; } = [];

    public IReadOnlyList<DependencyGroupMeta> DependencyGroups { get; init; } = [];

    public ComponentManifest? Manifest { get; init; }

    public string? ManifestHash { get; init; }

    public long Size { get; init; }
}

public sealed record DependencyGroupMeta(string? TargetFramework, IReadOnlyList<DependencyMeta> Dependencies);

public sealed record DependencyMeta(string Id, string Range);
