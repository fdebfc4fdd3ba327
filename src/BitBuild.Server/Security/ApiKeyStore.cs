using System.Security.Cryptography;
using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;
using BitBuild.Server.Storage;

namespace BitBuild.Server.Security;

/// <summary>
/// API keys under the server root (keys.json). Keys are random 256-bit secrets shown once at creation; the server keeps
/// the hash and a short key id for listing. Keys are never logged.
/// </summary>
public sealed class ApiKeyStore(ServerPaths paths)
{
    // A reference swapped whole, so concurrent requests never see a torn cache.
    private volatile KeyCache? cache;

    private sealed record KeyCache(DateTime Stamp, Dictionary<string, StoredKey> ByHash);

    public const string Prefix = "bitk_";

    /// <summary>Creates a key for a scope and returns the secret (the only time it is ever seen).</summary>
    public string Create(string scope, KeyRights rights)
    {
        ScopeName.Validate(scope);
        if (!new ScopeStore(paths).Exists(scope))
        {
            throw new BitException(DiagnosticCodes.ServerUnknownScope, $"scope {scope} does not exist on this server; create it with 'dotnet bit server scope create {scope}'");
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using (var lockFile = LockKeysFile())
        {
            // Read under the lock too, so two `key create` runs at once cannot drop each other's key.
            cache = null;
            var keys = Load().Values.ToList();
            keys.Add(new StoredKey(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Hash(secret), scope, rights, DateTimeOffset.UtcNow));
            AtomicFile.WriteAllBytes(paths.KeysFile, Json.Serialize(new KeysFile(keys), indented: true));
        }

        cache = null;
        return secret;
    }

    public IReadOnlyList<StoredKey> List() => Load().Values.OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.Created).ToList();

    /// <summary>The stored key matching a presented secret, or null. Comparison is on hashes (fixed length, no early exit on content).</summary>
    public StoredKey? Find(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        return Load().TryGetValue(Hash(secret), out var key) ? key : null;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private Dictionary<string, StoredKey> Load()
    {
        var file = new FileInfo(paths.KeysFile);
        if (!file.Exists)
        {
            return new Dictionary<string, StoredKey>(StringComparer.Ordinal);
        }

        var current = cache;
        if (current is not null && current.Stamp == file.LastWriteTimeUtc)
        {
            return current.ByHash;
        }

        var byHash = Json.Read<KeysFile>(file.FullName).Keys.ToDictionary(k => k.Sha256, StringComparer.Ordinal);
        cache = new KeyCache(file.LastWriteTimeUtc, byHash);
        return byHash;
    }

    private FileStream LockKeysFile()
    {
        Directory.CreateDirectory(paths.Root);
        var path = Path.Combine(paths.Root, "keys.lock");
        for (var attempt = 0; ; attempt++)
        {
            var stream = ScopeLock.TryOpen(path);
            if (stream is not null)
            {
                return stream;
            }

            if (attempt > 200)
            {
                throw new IOException($"could not lock {path}");
            }

            Thread.Sleep(50);
        }
    }
}
