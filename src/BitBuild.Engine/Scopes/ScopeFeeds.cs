namespace BitBuild.Engine.Scopes;

/// <summary>Opens the feed for a resolved scope.</summary>
public static class ScopeFeeds
{
    /// <summary>Opens the feed; an http scope reads through the command's <paramref name="remote"/> calls (one retry budget).</summary>
    public static IScopeFeed Open(ResolvedScope scope, RemoteCalls remote) => scope.Kind switch
    {
        ScopeKind.Folder => new FolderScopeFeed(scope),
        _ => new HttpScopeFeed(scope, remote),
    };
}
