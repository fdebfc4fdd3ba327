using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>
/// One tagged workspace shared by the export tests (tagging packs with MSBuild and takes ~10 s): utils/string and
/// hello/world (which depends on it), default scope user.my-collection, both tagged 0.0.1 and never exported.
/// Tests never export from it: each takes a <see cref="Copy"/> (sources, .bitmap and the local scope .bit/).
/// </summary>
public sealed class TaggedWorkspaceFixture : IDisposable
{
    public TaggedWorkspaceFixture()
    {
        Workspace = new TempWorkspace("export-fixture");
        SampleComponents.Create(Workspace, addComponents: false);
        Expect(BitCli.Bit(Workspace.Root, "add", "src/utils/string", "src/hello/world"));
        Expect(BitCli.Bit(Workspace.Root, "tag", "-m", "first"));
    }

    public TempWorkspace Workspace { get; }

    /// <summary>A fresh workspace with the fixture's content (no bin/ or obj/), ready to export from.</summary>
    public TempWorkspace Copy(string name)
    {
        var copy = new TempWorkspace(name);
        WorkspaceCopy.Into(Workspace.Root, copy.Root);
        return copy;
    }

    public static Engine.Processes.ProcessResult Expect(Engine.Processes.ProcessResult result, int exitCode = 0)
    {
        Assert.True(result.ExitCode == exitCode, $"exit code {result.ExitCode}, expected {exitCode}:\n{result.CombinedOutput}");
        return result;
    }

    public void Dispose() => Workspace.Dispose();
}
