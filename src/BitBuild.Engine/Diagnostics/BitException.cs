namespace BitBuild.Engine.Diagnostics;

/// <summary>
/// An error the user can act on: a stable <c>BIT####</c> code, what happened and what to do.
/// Front ends print it as <c>error BIT####: message</c> and exit non-zero; the MSBuild task logs it with the same code.
/// </summary>
public sealed class BitException : Exception
{
    public BitException(string code, string message, string? file = null, int line = 0, int column = 0, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        File = file;
        Line = line;
        Column = column;
    }

    public string Code { get; }

    /// <summary>The file the error is about, when there is one (shown by IDEs and MSBuild as the error's location).</summary>
    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Set when the command line itself was wrong (exit code 2 rather than 1).</summary>
    public bool IsUsageError { get; init; }
}
