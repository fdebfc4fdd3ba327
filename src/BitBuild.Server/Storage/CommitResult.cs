namespace BitBuild.Server.Storage;

/// <summary>How a write is validated: a NuGet push (any duplicate is a 409) or a BitBuild export (identical duplicates are skipped).</summary>
public enum CommitMode
{
    Push,
    Export,
}

public sealed record CommitResult(IReadOnlyList<CatalogEntry> Pushed, IReadOnlyList<CatalogEntry> Skipped);

/// <summary>A package whose id and version the scope already holds with different content.</summary>
public sealed record ExportConflict(string Id, string Version, string? ExistingHash, string? UploadedHash);

/// <summary>A component dependency that resolves neither in the upload, nor in its scope on this server.</summary>
public sealed record UnresolvedDependency(string Package, string Version, string DependencyPackageId, string DependencyVersion, string? DependencyScope);
