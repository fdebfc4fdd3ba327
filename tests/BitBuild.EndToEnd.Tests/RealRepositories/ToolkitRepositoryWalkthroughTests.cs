using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// The README's walkthrough, command for command, on samples/toolkit-repo: a repository shaped like a real multi-package
/// library (five projects in src/, Directory.Build.props/targets with logic, central package management, MinVer,
/// multi-targeting, a source generator, a shared source file, warnings as errors, an app and tests that are not
/// components). init, add, status, tag, export, a consumer's 'dotnet add package' and run, a change to the shared file,
/// status, tag, export again, and eject of a component the app uses.
/// </summary>
public sealed class ToolkitRepositoryWalkthroughTests
{
    [Fact]
    public void The_toolkit_repository_walks_through_from_init_to_eject()
    {
        using var ws = new TempWorkspace("toolkit-walkthrough");
        var repo = ws.PathOf("repo");
        WorkspaceCopy.Into(Path.Combine(BitCli.RepositoryRoot, "samples", "toolkit-repo"), repo);
        ws.Git("-C", repo, "init", "-q", "-b", "main");
        ws.Git("-C", repo, "add", "-A");
        ws.Git("-C", repo, "commit", "-q", "-m", "the toolkit");
        ws.Git("-C", repo, "tag", "v1.2.0");
        // A scope of its own: NuGet's global packages folder, shared by the tests, keeps a package by id and version.
        var scope = "acme.t" + Guid.NewGuid().ToString("N")[..10];

        Expect(Bit(repo, "init", "--default-scope", scope));
        var add = Expect(Bit(repo, "add", "src/Toolkit.Core", "src/Toolkit.Text", "src/Toolkit.Mvvm", "src/Toolkit.Http"));
        Assert.Contains($"added component toolkit/core (src/Toolkit.Core/Toolkit.Core.csproj) -> package {scope}.toolkit.core in scope {scope}", add.StandardOutput);
        Assert.Contains("4 components were added", add.StandardOutput);
        Assert.Contains("new components", Expect(Bit(repo, "status")).StandardOutput);

        var tag = Expect(Bit(repo, "tag", "-m", "first release"));
        Assert.Contains("4 components were tagged", tag.StandardOutput);
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(Bit(repo, "remote", "add", scope, ws.PathOf("feeds/acme-libs")));
        Assert.Contains($"4 components were exported to scope {scope}", Expect(Bit(repo, "export")).StandardOutput);

        var consumer = PackageConsumer.Run(scope, ws.PathOf("feeds/acme-libs"), $"{scope}.toolkit.http", "0.0.1",
            "System.Console.WriteLine(Acme.Toolkit.Http.Routes.AsJson(\"Hello Toolkit World\"));\n");
        Assert.Contains("{\"route\":\"/articles/hello-toolkit-world\"}", consumer.Output);
        Assert.Contains("Toolkit.Text.dll", consumer.OutputFiles);
        Assert.Contains("Newtonsoft.Json.dll", consumer.OutputFiles);

        // The shared source file is linked into two components: both are modified, their dependents tagged with them.
        File.AppendAllText(Path.Combine(repo, "shared/Guard.cs"), "// reviewed\n");
        var status = Expect(Bit(repo, "status")).StandardOutput;
        Assert.Contains("toolkit/core (last tagged 0.0.1)\n    modified: shared/Guard.cs", status);
        Assert.Contains("toolkit/text (last tagged 0.0.1)\n    modified: shared/Guard.cs", status);
        Assert.Contains("toolkit/http, because toolkit/text changed", status);
        var second = Expect(Bit(repo, "tag", "-m", "guard reviewed")).StandardOutput;
        Assert.Contains("toolkit/http@0.0.2 (depends on toolkit/text@0.0.2)", second);
        Assert.Contains($"4 components were exported to scope {scope}", Expect(Bit(repo, "export")).StandardOutput);
        Assert.True(File.Exists(ws.PathOf($"feeds/acme-libs/{scope}.toolkit.mvvm/0.0.2/{scope}.toolkit.mvvm.0.0.2.nupkg")));

        // The app now takes the Http component from the scope instead of its source.
        var eject = Expect(Bit(repo, "eject", "toolkit/http")).StandardOutput;
        Assert.Contains($"component toolkit/http was ejected: apps/Toolkit.Demo/Toolkit.Demo.csproj now references {scope}.toolkit.http 0.0.2", eject);
        Assert.False(Directory.Exists(Path.Combine(repo, "src/Toolkit.Http")));
        Assert.Contains($"Include=\"{scope}.toolkit.http\"", File.ReadAllText(Path.Combine(repo, "apps/Toolkit.Demo/Toolkit.Demo.csproj")));
        var run = Expect(BitCli.DotNet(repo, "run", "--project", "apps/Toolkit.Demo", "-nologo"));
        Assert.Contains("{\"route\":\"/articles/hello-toolkit-world\"}", run.StandardOutput);
    }

    private static ProcessResult Bit(string repo, params string[] args) => BitCli.Bit(repo, args);

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
