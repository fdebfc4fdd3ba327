using System.Security.Cryptography;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// Every file under a workspace folder (its scope folder included) with the hash of its bytes, to prove a refused command
/// changed nothing and left nothing behind. Build output (bin/, obj/), the declarations cache and the lock file are left
/// out: they are not the user's data and a refused command may legitimately touch them.
/// </summary>
public sealed record FolderSnapshot(IReadOnlyList<string> Files)
{
    private static readonly string[] Ignored = [".bit/cache/", ".bit/workspace.lock"];

    public static FolderSnapshot Of(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(s => s is "bin" or "obj") && !Ignored.Any(i => f.StartsWith(i, StringComparison.Ordinal)))
            .Select(f => f + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, f)))))
            .Order(StringComparer.Ordinal)
            .ToList());

    public void AssertSame(FolderSnapshot after)
    {
        var added = after.Files.Except(Files).ToList();
        var removed = Files.Except(after.Files).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0, $"files changed.\nnow:\n  {string.Join("\n  ", added)}\nbefore:\n  {string.Join("\n  ", removed)}");
    }
}
