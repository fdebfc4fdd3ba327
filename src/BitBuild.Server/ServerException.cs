namespace BitBuild.Server;

/// <summary>A request the server refuses: the HTTP status, a BIT5xxx code and a message the client shows the user.</summary>
public sealed class ServerException(int status, string code, string message, object? details = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Extra JSON for the response body (e.g. the list of conflicts).</summary>
    public object? Details { get; } = details;
}
