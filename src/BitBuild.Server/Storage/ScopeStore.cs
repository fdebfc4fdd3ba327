using System.Collections.Concurrent;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Server.Storage;

/// <summary>
/// The scopes under one server root: which exist, their settings, and their committed catalogs (cached, and re-read
/// when another process replaced catalog.json).
/// </summary>
public sealed class ScopeStore(ServerPaths paths)
{
    private readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, CatalogSnapshot Snapshot)> catalogs = new(StringComparer.Ordinal);

    public ServerPaths Paths { get; } = paths;

    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);

    public bool Exists(string scope) => ScopeName.IsValid(scope) && File.Exists(Paths.ScopeSettings(scope));

    public IReadOnlyList<string> ListScopes() =>
        Directory.Exists(Paths.ScopesFolder)
            ? Directory.EnumerateDirectories(Paths.ScopesFolder).Select(Path.GetFileName).OfType<string>().Where(Exists).Order(StringComparer.Ordinal).ToList()
            : [];

    private readonly ConcurrentDictionary<string, (DateTime Stamp, ScopeSettings Settings)> settings = new(StringComparer.Ordinal);

    /// <summary>A scope's settings, cached (every read request checks visibility) and re-read when scope.json changes.</summary>
    public ScopeSettings Settings(string scope)
    {
        var path = Paths.ScopeSettings(scope);
        var stamp = File.GetLastWriteTimeUtc(path);
        if (settings.TryGetValue(scope, out var cached) && cached.Stamp == stamp)
        {
            return cached.Settings;
        }

        var read = Json.Read<ScopeSettings>(path);
        settings[scope] = (stamp, read);
        return read;
    }

    /// <summary>Creates a scope (the CLI's <c>dotnet bit server scope create</c>).</summary>
    public void CreateScope(string scope, bool isPublic)
    {
        ScopeName.Validate(scope);
        if (Exists(scope))
        {
            throw new BitException(DiagnosticCodes.ServerScopeExists, $"scope {scope} already exists on this server ({Paths.Scope(scope)})");
        }

        Directory.CreateDirectory(Paths.Packages(scope));
        Directory.CreateDirectory(Paths.Pending(scope));
        AtomicFile.WriteAllBytes(Paths.Catalog(scope), Json.Serialize(new CatalogFile([]), indented: true));
        AtomicFile.WriteAllBytes(Paths.ScopeSettings(scope), Json.Serialize(new ScopeSettings { Public = isPublic, Created = DateTimeOffset.UtcNow }, indented: true));
    }

    public CatalogSnapshot Catalog(string scope)
    {
        var file = new FileInfo(Paths.Catalog(scope));
        if (!file.Exists)
        {
            return CatalogSnapshot.Empty;
        }

        if (catalogs.TryGetValue(scope, out var cached) && cached.Stamp == file.LastWriteTimeUtc && cached.Length == file.Length)
        {
            return cached.Snapshot;
        }

        var snapshot = new CatalogSnapshot(Json.Read<CatalogFile>(file.FullName).Entries);
        catalogs[scope] = (file.LastWriteTimeUtc, file.Length, snapshot);
        return snapshot;
    }

    /// <summary>Replaces the catalog in one rename: the commit point of every write. Call only under the scope lock.</summary>
    public CatalogSnapshot WriteCatalog(string scope, IReadOnlyList<CatalogEntry> entries)
    {
        var path = Paths.Catalog(scope);
        AtomicFile.WriteAllBytes(path, Json.Serialize(new CatalogFile(entries)));
        var snapshot = new CatalogSnapshot(entries);
        var file = new FileInfo(path);
        catalogs[scope] = (file.LastWriteTimeUtc, file.Length, snapshot);
        return snapshot;
    }

    public Task<ScopeLock> LockAsync(string scope, CancellationToken ct) => ScopeLock.AcquireAsync(Paths.ScopeLock(scope), LockTimeout, ct);

    public PackageMeta? ReadMeta(string scope, CatalogEntry entry)
    {
        var path = Path.Combine(Paths.VersionFolder(scope, entry.LowerId, entry.LowerVersion), ServerPaths.MetaFileName);
        return File.Exists(path) ? Json.Read<PackageMeta>(path) : null;
    }
}
