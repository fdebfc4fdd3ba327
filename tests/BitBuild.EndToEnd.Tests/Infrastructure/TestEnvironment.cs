namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Environment for child processes: an isolated NuGet package folder per test run (never the user's cache) and no
/// MSBuild node reuse, so nothing outlives a test or leaks between tests.
/// </summary>
public static class TestEnvironment
{
    /// <summary>One package folder for the whole test run: isolated from the user's cache, shared between tests for speed.</summary>
    public static string PackagesFolder { get; } = CreatePackagesFolder();

    private static string CreatePackagesFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bitbuild-tests", "packages-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static Dictionary<string, string?> Variables(string workingDirectory) => new()
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["BIT_LOCK_TIMEOUT_SECONDS"] = "60",
        // CI systems set variables that change how builds behave; tests must not depend on where they run.
        ["CI"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["TF_BUILD"] = null,
    };
}
