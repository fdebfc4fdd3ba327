using System.Text.RegularExpressions;
using BitBuild.Engine.Processes;

namespace BitBuild.MSBuild.Tests.Infrastructure;

/// <summary>
/// A temporary BitBuild workspace whose projects get the packed BitBuild package the way a user's would: a
/// Directory.Build.props with <c>PackageReference Include="BitBuild"</c> (plus the declarations import dotnet bit init
/// adds). Fenced off from this repository (own Directory.Build.targets, Directory.Packages.props with central package
/// management off, pinned global.json) and from the user's NuGet setup: a NuGet.Config with &lt;clear/&gt;, the repository's
/// nuget/ folder (mapped to BitBuild*, so BitBuild never comes from anywhere else) and nuget.org for everything else, and
/// an isolated NUGET_PACKAGES for the test run. Kept on disk when a build in it failed, with its binlogs under logs/.
/// </summary>
public sealed partial class PackageWorkspace : IDisposable
{
    private int buildCount;

    public PackageWorkspace(string name, string? defaultScope = "user.my-collection", bool init = true, string? extraProps = null)
    {
        Root = Path.Combine(TestPaths.RunFolder, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Write("Directory.Build.targets", "<Project />\n");
        Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }\n");
        Write("NuGet.Config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bitbuild-local" value="{TestPaths.PackageFeed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="bitbuild-local"><package pattern="BitBuild" /><package pattern="BitBuild.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>

            """);
        Write("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
            {extraProps}  </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="BitBuild" Version="{TestPaths.BitBuildVersion}" PrivateAssets="all" />
              </ItemGroup>
            </Project>

            """);
        if (init)
        {
            var args = defaultScope is null ? new[] { "init" } : ["init", "--default-scope", defaultScope];
            var result = Bit(args);
            Assert.True(result.ExitCode == 0, result.CombinedOutput);
        }
    }

    public string Root { get; }

    public string LogsFolder => Path.Combine(Root, "logs");

    /// <summary>Set when something failed, so the folder and its binlogs stay for the investigation.</summary>
    public bool Keep { get; set; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Writes a net10.0 class library; <paramref name="references"/> are other projects, relative to the root.</summary>
    public string AddLibrary(string folder, string name, params string[] references)
    {
        var refs = string.Concat(references.Select(r => $"    <ProjectReference Include=\"{Path.GetRelativePath(PathOf(folder), PathOf(r))}\" />\n"));
        Write($"{folder}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {refs}  </ItemGroup>
            </Project>

            """);
        Write($"{folder}/{name}.cs", $"namespace {name};\npublic static class Api {{ public static string Name => \"{name}\"; }}\n");
        return $"{folder}/{name}.csproj";
    }

    /// <summary>The utils/string ← hello/world ← hello/app-kit chain, declared as components, plus a plain app project.</summary>
    public void AddSampleComponents()
    {
        AddLibrary("src/utils/string", "Utils.String");
        AddLibrary("src/hello/world", "Hello.World", "src/utils/string/Utils.String.csproj");
        AddLibrary("src/hello/app-kit", "Hello.AppKit", "src/hello/world/Hello.World.csproj");
        AddLibrary("app/Consumer", "Consumer", "src/hello/app-kit/Hello.AppKit.csproj");
        var add = Bit("add", "src/utils/string", "src/hello/world", "src/hello/app-kit");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
    }

    /// <summary>Declares a folder scope at <paramref name="relativeFolder"/> (relative to the root, so a copied workspace has its own).</summary>
    public string AddFolderRemote(string scope, string relativeFolder = "scopes/my-collection")
    {
        Directory.CreateDirectory(PathOf(relativeFolder));
        var add = Bit("remote", "add", scope, relativeFolder);
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        return PathOf(relativeFolder);
    }

    /// <summary>A copy of this workspace (sources, declarations, .bitmap and the local scope .bit/), for side-by-side runs.</summary>
    public PackageWorkspace CopyTo(string name)
    {
        var copy = new PackageWorkspace(name, init: false);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top == "logs" || relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"))
            {
                continue;
            }

            var target = copy.PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        foreach (var folder in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(copy.PathOf(Path.GetRelativePath(Root, folder)));
        }

        return copy;
    }

    /// <summary>Writes a .slnx with the given projects (relative paths) and returns its file name.</summary>
    public string WriteSolution(IEnumerable<string> projects, string name = "ws.slnx")
    {
        Write(name, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        return name;
    }

    public ProcessResult Bit(params string[] args) =>
        ProcessRunner.Run("dotnet", [TestPaths.ToolPath, .. args], Root, Environment());

    /// <summary>Runs <c>dotnet build</c> with a binlog under logs/ and normal verbosity (so the task's messages are in the output).</summary>
    public BuildRun Build(string? project, params string[] args) => BuildIn(Root, project, args);

    public BuildRun BuildIn(string folder, string? project, params string[] args)
    {
        var binlog = Path.Combine(LogsFolder, $"{Interlocked.Increment(ref buildCount):00}.binlog");
        var all = new List<string> { "build" };
        if (project is not null)
        {
            all.Add(project);
        }

        all.AddRange(["-nr:false", "-tl:off", "-v:n", "-nologo", $"-bl:{binlog}"]);
        all.AddRange(args);
        var result = ProcessRunner.Run("dotnet", all, folder, Environment());
        return new BuildRun(this, result, binlog, string.Join(" ", all));
    }

    public static Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(TestPaths.RunFolder, "packages"),
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["BIT_LOCK_TIMEOUT_SECONDS"] = "60",
        // Set by an outer build when the tests themselves run under dotnet test/MSBuild; the builds here are their own.
        ["BitBuildEngineChildBuild"] = null,
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        // CI systems set variables that change how builds log and behave; tests must not depend on where they run.
        ["CI"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["TF_BUILD"] = null,
    };

    public void Dispose()
    {
        if (Keep || System.Environment.GetEnvironmentVariable("BIT_KEEP_TEST_FOLDERS") == "1")
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

/// <summary>One <c>dotnet build</c>: exit code, output, where its binlog is, and how many times the task started the engine.</summary>
public sealed partial class BuildRun(PackageWorkspace workspace, ProcessResult result, string binlog, string commandLine)
{
    [GeneratedRegex(@"BitBuild: running dotnet bit (?<command>\w+) ")]
    private static partial Regex EngineStart();

    public int ExitCode => result.ExitCode;

    public string Output => result.CombinedOutput;

    public string Binlog => binlog;

    /// <summary>How many times the engine was started for <paramref name="command"/> (the task logs one line per start).</summary>
    public int EngineStarts(string command) => EngineStart().Matches(Output).Count(m => m.Groups["command"].Value == command);

    public BuildRun ShouldSucceed()
    {
        if (ExitCode != 0)
        {
            Fail("expected the build to succeed");
        }

        return this;
    }

    public BuildRun ShouldFail()
    {
        if (ExitCode == 0)
        {
            Fail("expected the build to fail");
        }

        return this;
    }

    /// <summary>Fails the test with the output and the binlog's path, and keeps the workspace for the investigation.</summary>
    public void Fail(string what)
    {
        workspace.Keep = true;
        Assert.Fail($"{what}: dotnet {commandLine} exited with {ExitCode}. Binlog: {binlog}\n{Tail(Output, 12000)}");
    }

    public void Check(bool condition, string what)
    {
        if (!condition)
        {
            Fail(what);
        }
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}
