namespace BitBuild.Server.Storage;

/// <summary>scope.json: whether anyone may read the scope (public) or only holders of a read or write key (private).</summary>
public sealed record ScopeSettings
{
    public bool Public { get; init; } = true;

    public DateTimeOffset Created { get; init; }
}
