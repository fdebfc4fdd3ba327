namespace BitBuild.Server.Storage;

/// <summary>
/// One committed package version in a scope's catalog. Kept small: the catalog is rewritten on every commit, so the
/// details (dependencies, description, the component manifest) live in the version folder's meta.json.
/// </summary>
public sealed record CatalogEntry
{
    /// <summary>The package id as the package spells it.</summary>
    public required string Id { get; init; }

    /// <summary>The version as the package spells it (may carry +metadata).</summary>
    public required string Version { get; init; }

    /// <summary>Lower-cased normalized version: the key and the folder name.</summary>
    public required string LowerVersion { get; init; }

    public bool Listed { get; init; } = true;

    public bool IsPrerelease { get; init; }

    public bool IsSemVer2 { get; init; }

    /// <summary>SHA-256 of the package's bit/component.json ("sha256:…"), or null for a plain NuGet package.</summary>
    public string? ManifestHash { get; init; }

    /// <summary>The component id from the manifest (e.g. hello/world), or null for a plain NuGet package.</summary>
    public string? ComponentId { get; init; }

    public DateTimeOffset Published { get; init; }

    public string LowerId => Id.ToLowerInvariant();
}
