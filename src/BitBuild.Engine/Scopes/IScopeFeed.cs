using NuGet.Versioning;

namespace BitBuild.Engine.Scopes;

/// <summary>A package already in a scope. <see cref="Hash"/> is its <c>bit/component.json</c> hash, null when it has none (not a BitBuild package).</summary>
public sealed record ScopePackage(string PackageId, NuGetVersion Version, string? Hash)
{
    /// <summary>The package ids its bit/component.json says it depends on (null when it has no manifest).</summary>
    public IReadOnlyList<string>? DependencyPackageIds { get; init; }

    public static ScopePackage From(string packageId, NuGetVersion version, Packages.ComponentManifest? manifest) =>
        new(packageId, version, manifest?.Hash) { DependencyPackageIds = manifest?.Dependencies.Select(d => d.PackageId).ToList() };
}

/// <summary>What a push did: sent the package, or found the same id and version already there (a race with another exporter).</summary>
public enum PushOutcome
{
    Pushed,
    AlreadyExists,
}

/// <summary>A package prepared for a scope but not yet visible in it (see <see cref="IScopeFeed.StageAsync"/>).</summary>
/// <c>Symbols</c>: its symbol package (.snupkg), already carrying the scope's id, when the component's build makes one.
public sealed record StagedPackage(byte[] Package, string PackageId, NuGetVersion Version, string? StagedFolder, byte[]? Symbols = null);

/// <summary>Reads and writes one scope's packages. Implementations: <see cref="FolderScopeFeed"/>, <see cref="HttpScopeFeed"/>.</summary>
public interface IScopeFeed : IDisposable
{
    ResolvedScope Scope { get; }

    /// <summary>Fails with BIT3011/BIT3012 when the scope cannot take packages (checked before anything is sent); changes nothing.</summary>
    Task CheckWritableAsync(CancellationToken cancellationToken);

    /// <summary>The package with this id and version, or null when the scope does not have it.</summary>
    Task<ScopePackage?> FindAsync(string packageId, NuGetVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// The slow part of adding a package, without making it visible to restore (a folder scope writes NuGet's v3 files
    /// into a staging folder inside the scope). Safe to run for many packages in parallel. <paramref name="symbols"/>: the
    /// package's symbol package (.snupkg), published with it where the scope takes symbols.
    /// </summary>
    Task<StagedPackage> StageAsync(byte[] package, byte[]? symbols, string packageId, NuGetVersion version, CancellationToken cancellationToken);

    /// <summary>Makes a staged package visible (a folder scope: one rename; an http scope: the push). Called in dependency order.</summary>
    Task<PushOutcome> PublishAsync(StagedPackage staged, CancellationToken cancellationToken);
}
