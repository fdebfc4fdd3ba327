namespace BitBuild.Server.Security;

/// <summary>One stored key: only its SHA-256 is kept, so keys.json leaking does not leak a usable key.</summary>
public sealed record StoredKey(string KeyId, string Sha256, string Scope, KeyRights Rights, DateTimeOffset Created);

public sealed record KeysFile(IReadOnlyList<StoredKey> Keys);
