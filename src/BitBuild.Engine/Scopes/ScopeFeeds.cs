namespace BitBuild.Engine.Scopes;

/// <summary>Opens the feed for a resolved scope.</summary>
public static class ScopeFeeds
{
    public static IScopeFeed Open(ResolvedScope scope) => scope.Kind switch
    {
        ScopeKind.Folder => new FolderScopeFeed(scope),
        _ => new HttpScopeFeed(scope),
    };
}
