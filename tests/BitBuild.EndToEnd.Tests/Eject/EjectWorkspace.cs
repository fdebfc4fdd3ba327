using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>
/// A temp workspace for one eject test, with its scopes in a sibling folder and its own NuGet package cache: restore must
/// really read the scope (a package cached by another test with the same id and version would hide a missing scope).
/// </summary>
public sealed class EjectWorkspace : IDisposable
{
    private readonly TempWorkspace workspace;

    public EjectWorkspace(string name)
    {
        workspace = new TempWorkspace("eject-" + name);
        Scopes = workspace.Root + "-scopes";
        Packages = workspace.Root + "-packages";
        Directory.CreateDirectory(Scopes);
        Directory.CreateDirectory(Packages);
    }

    public string Root => workspace.Root;

    public string Scopes { get; }

    public string Packages { get; }

    public string PathOf(string relative) => workspace.PathOf(relative);

    public string ScopeFolder(string scope) => Path.Combine(Scopes, scope);

    public void Write(string relative, string content) => workspace.Write(relative, content);

    public string Read(string relative) => workspace.Read(relative);

    private Dictionary<string, string?> Environment() => new() { ["NUGET_PACKAGES"] = Packages };

    public ProcessResult Bit(params string[] args) => BitCli.Bit(Root, Environment(), args);

    public ProcessResult DotNet(params string[] args)
    {
        var env = TestEnvironment.Variables(Root);
        env["NUGET_PACKAGES"] = Packages;
        return ProcessRunner.Run("dotnet", args, Root, env);
    }

    /// <summary>Declares a folder scope in the sibling scopes folder.</summary>
    public void AddScope(string scope) => Expect(Bit("remote", "add", scope, ScopeFolder(scope)));

    /// <summary>Declares a scope at the given source (e.g. an http server).</summary>
    public void AddScope(string scope, string source) => Expect(Bit("remote", "add", scope, source));

    /// <summary>Every file of the workspace (bin/ and obj/ included; .bit/ is BitBuild's scratch space) with its bytes.</summary>
    public SortedDictionary<string, byte[]> Files()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (!relative.StartsWith(".bit/", StringComparison.Ordinal))
            {
                files[relative] = File.ReadAllBytes(file);
            }
        }

        return files;
    }

    /// <summary>Asserts the workspace holds exactly <paramref name="before"/>: the same files with the same bytes.</summary>
    public void AssertUnchanged(SortedDictionary<string, byte[]> before)
    {
        var after = Files();
        Assert.Equal(before.Keys, after.Keys);
        var changed = before.Where(f => !f.Value.AsSpan().SequenceEqual(after[f.Key])).Select(f => f.Key).ToList();
        Assert.True(changed.Count == 0, "changed: " + string.Join(", ", changed));
    }

    public static ProcessResult Expect(ProcessResult result, int exitCode = 0)
    {
        Assert.True(result.ExitCode == exitCode, $"exit code {result.ExitCode}, expected {exitCode}:\n{result.CombinedOutput}");
        return result;
    }

    public void Dispose()
    {
        workspace.Dispose();
        if (System.Environment.GetEnvironmentVariable("BIT_KEEP_TEST_FOLDERS") == "1")
        {
            return;
        }

        foreach (var folder in new[] { Scopes, Packages })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
