namespace BitBuild.Engine.Scopes;

/// <summary>
/// A scope that takes a whole export in one request and commits all of it or nothing (BitBuild's scope server). Export
/// uses it instead of one push per package whenever the scope offers it.
/// </summary>
public interface IAtomicScopeFeed : IScopeFeed
{
    /// <summary>True when the scope's service index advertises BitBuild's export endpoint (asked once per feed).</summary>
    Task<bool> SupportsAtomicExportAsync(CancellationToken cancellationToken);

    /// <summary>Sends the packages in one request; on refusal throws the server's BIT5xxx error and nothing landed.</summary>
    Task<ScopeServerExportResult> ExportAtomicallyAsync(IReadOnlyList<string> nupkgPaths, CancellationToken cancellationToken);
}
