using System.Reflection;

namespace BitBuild.MSBuild.Tests.Infrastructure;

/// <summary>Where the build put what the tests need (injected as assembly metadata by the test project).</summary>
public static class TestPaths
{
    public static string ToolPath => Path.GetFullPath(Metadata("BitToolPath"));

    public static string PackageFeed => Path.GetFullPath(Metadata("PackageFeed"));

    public static string BitBuildVersion => Metadata("BitBuildVersion");

    /// <summary>A fresh folder for this test run's temporary workspaces and its isolated NuGet package folder.</summary>
    public static string RunFolder { get; } = CreateRunFolder();

    private static string CreateRunFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bitbuild-msbuild-tests", "run-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
