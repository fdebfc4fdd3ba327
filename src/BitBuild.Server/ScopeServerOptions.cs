namespace BitBuild.Server;

/// <summary>How <see cref="ScopeServerHost"/> runs: where it stores scopes, where it listens, and its limits.</summary>
public sealed record ScopeServerOptions
{
    /// <summary>The storage root (scopes, keys). Created when missing.</summary>
    public required string Root { get; init; }

    /// <summary>Listen URLs; port 0 picks a free port (read the bound one from <see cref="ScopeServerHost.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Allow plain http on a non-loopback address (keys and packages then cross the network in clear).</summary>
    public bool AllowInsecureRemote { get; init; }

    /// <summary>A PFX/PKCS#12 certificate for https URLs.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>The largest single package a push accepts (and the largest part of an export).</summary>
    public long MaxPackageBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The largest export request (all its packages together).</summary>
    public long MaxExportBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most packages one export may carry.</summary>
    public int MaxExportPackages { get; init; } = 5000;

    /// <summary>Fault injection for tests only: a pause after each version folder a commit moves into place.</summary>
    public TimeSpan CommitStepDelay { get; init; }
}
