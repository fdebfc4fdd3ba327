using BitBuild.Engine.Processes;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>
/// A folder where the real dotnet CLI runs isolated from the machine: a NuGet.Config that clears every source, its own
/// global packages folder and http-cache (the user's caches are never touched), and empty Directory.Build.* files plus
/// central package management off, so the repository's own build files do not leak into temporary projects.
/// </summary>
public sealed class NuGetSandbox : IDisposable
{
    private readonly TempFolder folder = new("bitserver-nuget");

    public NuGetSandbox(IEnumerable<(string Name, string Url)>? sources = null)
    {
        File.WriteAllText(Combine("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Combine("Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Combine("Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        WriteConfig(sources ?? []);
    }

    public string Path => folder.Path;

    public string ConfigFile => Combine("NuGet.Config");

    public string Combine(params string[] parts) => folder.Combine(parts);

    /// <summary>Rewrites NuGet.Config: only these sources, http allowed for them (they are the test server on loopback).</summary>
    public void WriteConfig(IEnumerable<(string Name, string Url)> sources)
    {
        var adds = string.Join("\n", sources.Select(s => $"    <add key=\"{s.Name}\" value=\"{s.Url}\" allowInsecureConnections=\"true\" />"));
        File.WriteAllText(ConfigFile, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
            {adds}
              </packageSources>
            </configuration>
            """);
    }

    public ProcessResult DotNet(string workingDirectory, params string[] arguments)
    {
        var environment = DotNetCli.Environment();
        environment["NUGET_PACKAGES"] = Combine(".packages");
        environment["NUGET_HTTP_CACHE_PATH"] = Combine(".http-cache");
        environment["NUGET_PLUGINS_CACHE_PATH"] = Combine(".plugins-cache");
        environment["NUGET_API_KEY"] = null;
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return ProcessRunner.Run(DotNetCli.HostPath, arguments, workingDirectory, environment);
    }

    public void Dispose() => folder.Dispose();
}
