namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>
/// The state a failed command must leave alone: the bytes of .bitmap and BitWorkspace.props and the packages in the local
/// scope. Compare a snapshot taken before a command with one taken after.
/// </summary>
public sealed record WorkspaceSnapshot(byte[] Bitmap, byte[] Declarations, IReadOnlyList<string> Packages)
{
    public static WorkspaceSnapshot Take(string root)
    {
        var packages = Path.Combine(root, ".bit", "packages");
        return new WorkspaceSnapshot(
            ReadOrEmpty(Path.Combine(root, ".bitmap")),
            ReadOrEmpty(Path.Combine(root, "BitWorkspace.props")),
            Directory.Exists(packages)
                ? Directory.GetFiles(packages, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
                : []);
    }

    public void AssertUnchanged(string root)
    {
        var now = Take(root);
        Assert.True(Bitmap.AsSpan().SequenceEqual(now.Bitmap), ".bitmap changed:\n" + System.Text.Encoding.UTF8.GetString(now.Bitmap));
        Assert.True(Declarations.AsSpan().SequenceEqual(now.Declarations), "BitWorkspace.props changed");
        Assert.Equal(Packages, now.Packages);
    }

    private static byte[] ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];
}
