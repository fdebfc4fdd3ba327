using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A temporary folder fenced off from this repository (its own Directory.Build.*, Directory.Packages.props with central
/// package management off, a NuGet.Config with only the sources a test adds, a pinned global.json) in which a test writes
/// real SDK-style projects. Deleted on dispose unless BIT_KEEP_TEST_FOLDERS=1.
/// </summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(string? name = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "bitbuild-tests", (name ?? "ws") + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Write("Directory.Build.props", "<Project />\n");
        Write("Directory.Build.targets", "<Project />\n");
        Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }\n");
        WriteNuGetConfig();
    }

    public string Root { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Writes NuGet.Config with &lt;clear/&gt;, nuget.org's mirror for framework packages, and the given extra sources.</summary>
    public void WriteNuGetConfig(params (string Name, string Source)[] sources)
    {
        var extra = string.Concat(sources.Select(s => $"    <add key=\"{s.Name}\" value=\"{s.Source}\" />\n"));
        Write("NuGet.Config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
            {extra}    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>

            """);
    }

    /// <summary>Writes a class library project; <paramref name="references"/> are other projects (relative paths).</summary>
    public string AddLibrary(string folder, string name, string code, params string[] references)
    {
        var refs = string.Concat(references.Select(r => $"    <ProjectReference Include=\"{System.IO.Path.GetRelativePath(PathOf(folder), PathOf(r))}\" />\n"));
        Write($"{folder}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {refs}  </ItemGroup>
            </Project>

            """);
        Write($"{folder}/{name}.cs", code);
        return $"{folder}/{name}.csproj";
    }

    /// <summary>Runs git in the folder (no user or global configuration; a fixed identity for commits), asserting success; returns stdout.</summary>
    public string Git(params string[] args)
    {
        var result = ProcessRunner.Run("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", .. args], Root, new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = "/dev/null" });
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)}:\n{result.CombinedOutput}");
        return result.StandardOutput;
    }

    /// <summary>Makes the folder a git repository with one commit (source files then count as git sees them).</summary>
    public void GitInit()
    {
        ProcessRunner.Run("git", ["init", "-q", "-b", "main"], Root);
        ProcessRunner.Run("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A"], Root);
        ProcessRunner.Run("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init"], Root);
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("BIT_KEEP_TEST_FOLDERS") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
