using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>Assertions on a finished dotnet bit process, with its whole output in the failure message.</summary>
public static class CliAssert
{
    public static ProcessResult Succeeded(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, $"expected exit 0, got {result.ExitCode}:\n{result.CombinedOutput}");
        return result;
    }

    /// <summary>The process failed with <paramref name="exitCode"/> and printed <c>error {code}:</c> on stderr.</summary>
    public static ProcessResult Failed(ProcessResult result, string code, int exitCode = 1)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}, got {result.ExitCode}:\n{result.CombinedOutput}");
        Assert.True(result.StandardError.Contains($"error {code}:", StringComparison.Ordinal), $"expected 'error {code}:' on stderr:\n{result.CombinedOutput}");
        return result;
    }
}
