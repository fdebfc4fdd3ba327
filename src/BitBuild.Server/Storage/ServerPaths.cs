namespace BitBuild.Server.Storage;

/// <summary>
/// Where everything lives under the server root. Only names that were validated (scope names, lower-cased package ids and
/// normalized versions taken from a parsed package or from the committed catalog) are ever combined into these paths.
/// <code>
/// {root}/keys.json                               API keys (hashed)
/// {root}/scopes/{scope}/scope.json               scope settings (visibility)
/// {root}/scopes/{scope}/catalog.json             the committed packages: the only thing reads trust
/// {root}/scopes/{scope}/scope.lock               per-scope writer lock (held open with FileShare.None)
/// {root}/scopes/{scope}/packages/{id}/{ver}/     {id}.{ver}.nupkg, meta.json
/// {root}/scopes/{scope}/pending/{request}/       one upload being staged (its own .lock held while the request runs)
/// </code>
/// </summary>
public sealed class ServerPaths(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string KeysFile => Path.Combine(Root, "keys.json");

    public string ScopesFolder => Path.Combine(Root, "scopes");

    public string Scope(string scope) => Path.Combine(ScopesFolder, scope);

    public string ScopeSettings(string scope) => Path.Combine(Scope(scope), "scope.json");

    public string Catalog(string scope) => Path.Combine(Scope(scope), "catalog.json");

    public string ScopeLock(string scope) => Path.Combine(Scope(scope), "scope.lock");

    public string Packages(string scope) => Path.Combine(Scope(scope), "packages");

    public string PackageIdFolder(string scope, string lowerId) => Path.Combine(Packages(scope), lowerId);

    public string VersionFolder(string scope, string lowerId, string lowerVersion) => Path.Combine(Packages(scope), lowerId, lowerVersion);

    public string Nupkg(string scope, string lowerId, string lowerVersion) =>
        Path.Combine(VersionFolder(scope, lowerId, lowerVersion), NupkgFileName(lowerId, lowerVersion));

    public static string NupkgFileName(string lowerId, string lowerVersion) => $"{lowerId}.{lowerVersion}.nupkg";

    public const string MetaFileName = "meta.json";

    public string Pending(string scope) => Path.Combine(Scope(scope), "pending");
}
