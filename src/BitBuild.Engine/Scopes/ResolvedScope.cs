using NuGet.Configuration;

namespace BitBuild.Engine.Scopes;

/// <summary>How a scope's packages are stored.</summary>
public enum ScopeKind
{
    /// <summary>A local folder in NuGet's v3 layout (<c>id/version/…</c>), which <c>dotnet restore</c> reads directly.</summary>
    Folder,

    /// <summary>A NuGet v3 server (<c>…/index.json</c>), pushed to with NuGet.Protocol.</summary>
    Http,
}

/// <summary>Where a <see cref="ResolvedScope"/> was declared.</summary>
public enum ScopeOrigin
{
    /// <summary>A <c>BitRemote</c> item in the workspace declarations.</summary>
    BitRemote,

    /// <summary>A NuGet.Config package source whose key is the scope name.</summary>
    NuGetConfig,
}

/// <summary>
/// A remote scope resolved to a concrete NuGet source. <see cref="Location"/> is the folder's full path or the v3 URL.
/// The API key is kept here for the push and never shown: <see cref="ToString"/> leaves it out on purpose.
/// </summary>
public sealed class ResolvedScope(string name, ScopeKind kind, string location, ScopeOrigin origin, PackageSource packageSource, string? apiKey)
{
    public string Name { get; } = name;

    public ScopeKind Kind { get; } = kind;

    /// <summary>The folder's full path, or the service index URL.</summary>
    public string Location { get; } = location;

    public ScopeOrigin Origin { get; } = origin;

    /// <summary>The NuGet source, with credentials from NuGet.Config or the environment when there are any.</summary>
    public PackageSource PackageSource { get; } = packageSource;

    internal string? ApiKey { get; } = apiKey;

    public bool HasApiKey => ApiKey is not null;

    public override string ToString() => $"{Name} ({Location})";
}
