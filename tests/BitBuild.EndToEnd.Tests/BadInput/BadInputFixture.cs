using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// The workspace every bad-input case starts from, built once (tagging packs with MSBuild): utils/string and hello/world
/// (which depends on it), default scope user.my-collection, both tagged 0.0.1; a remote user.my-collection at
/// <c>feeds/my-collection</c> inside the workspace folder (so one snapshot covers the workspace and the scope) to which
/// utils/string 0.0.1 was exported. hello/world stays staged. Each case takes a <see cref="Copy"/>.
/// </summary>
public sealed class BadInputFixture : IDisposable
{
    public const string ScopeFolder = "feeds/my-collection";

    public BadInputFixture()
    {
        Workspace = new TempWorkspace("bad-input-fixture");
        SampleComponents.Create(Workspace, addComponents: false);
        Expect(BitCli.Bit(Workspace.Root, "add", "src/utils/string", "src/hello/world"));
        Expect(BitCli.Bit(Workspace.Root, "tag", "-m", "first"));
        Directory.CreateDirectory(Workspace.PathOf("feeds"));
        Expect(BitCli.Bit(Workspace.Root, "remote", "add", "user.my-collection", ScopeFolder));
        Expect(BitCli.Bit(Workspace.Root, "export", "user.my-collection", "utils/string"));
    }

    public TempWorkspace Workspace { get; }

    /// <summary>A fresh workspace with the fixture's content (no bin/ or obj/).</summary>
    public TempWorkspace Copy(string name)
    {
        var copy = new TempWorkspace(name);
        WorkspaceCopy.Into(Workspace.Root, copy.Root);
        return copy;
    }

    private static void Expect(Engine.Processes.ProcessResult result) =>
        Assert.True(result.ExitCode == 0, $"fixture step failed with exit code {result.ExitCode}:\n{result.CombinedOutput}");

    public void Dispose() => Workspace.Dispose();
}
