using System.Reflection;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the real dotnet bit (the tool's built dll under the dotnet host) and the real dotnet CLI.</summary>
public static class BitCli
{
    public static string ToolPath => Path.GetFullPath(Metadata("BitToolPath"));

    public static string RepositoryRoot => Path.GetFullPath(Metadata("RepositoryRoot"));

    private static string Metadata(string key) =>
        typeof(BitCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static ProcessResult Bit(string workingDirectory, params string[] args) => Bit(workingDirectory, null, args);

    public static ProcessResult Bit(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        var env = TestEnvironment.Variables(workingDirectory);
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                env[k] = v;
            }
        }

        return ProcessRunner.Run("dotnet", [ToolPath, .. args], workingDirectory, env);
    }

    public static ProcessResult DotNet(string workingDirectory, params string[] args) =>
        ProcessRunner.Run("dotnet", args, workingDirectory, TestEnvironment.Variables(workingDirectory));
}
