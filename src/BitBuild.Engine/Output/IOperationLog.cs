namespace BitBuild.Engine.Output;

/// <summary>
/// Where engine operations report as they go. The CLI prints to the console (a progress line on a terminal, plain lines
/// when redirected); the MSBuild task logs messages and BIT#### warnings. Results are returned as objects, not printed.
/// </summary>
public interface IOperationLog
{
    void Info(string message);

    void Warning(string code, string message, string? file = null);

    /// <summary>One step of a long operation, e.g. "[3/300] exporting hello/world 0.0.2".</summary>
    void Progress(int current, int total, string message);
}

/// <summary>Discards everything (unit tests, and callers that only want the result).</summary>
public sealed class NullOperationLog : IOperationLog
{
    public static readonly NullOperationLog Instance = new();

    public void Info(string message)
    {
    }

    public void Warning(string code, string message, string? file = null)
    {
    }

    public void Progress(int current, int total, string message)
    {
    }
}
