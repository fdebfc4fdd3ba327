using BitBuild.Engine.Diagnostics;

namespace BitBuild.Tool.Commands.Server;

/// <summary>
/// Required-argument checks for the server subcommands. Done by hand rather than with [Required]: McMaster reports a
/// subcommand's validation error with exit code 1, while dotnet bit promises 2 for usage errors.
/// </summary>
internal static class Usage
{
    public static void Require(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, $"{what} is required (see --help)") { IsUsageError = true };
        }
    }
}
