using BitBuild.Engine.Eject;

namespace BitBuild.Engine.Tests.Eject;

public sealed class WorkspaceTransactionTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "bitbuild-unit", "tx-" + Guid.NewGuid().ToString("N")[..8]);

    public WorkspaceTransactionTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith(".bit", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Fact]
    public void Rollback_restores_every_file_byte_for_byte_and_the_moved_folder()
    {
        // Bytes a text round trip would change: a BOM, CRLF, a lone CR and invalid UTF-8.
        var app = Write("src/app/App.csproj", [0xEF, 0xBB, 0xBF, (byte)'<', (byte)'P', 0x0D, 0x0A, 0x0D, 0xFF, (byte)'>']);
        Write("src/app/obj/project.assets.json", "{ \"old\": true }"u8.ToArray());
        Write("src/hello/world/Hello.World.csproj", "<Project />\r\n"u8.ToArray());
        Write("src/hello/world/sub/Greeter.cs", "class G {}"u8.ToArray());
        var bitmap = Write(".bitmap", "{ \"format\": 1 }\n"u8.ToArray());
        var before = Snapshot();

        var tx = new WorkspaceTransaction(root, Path.Combine(root, ".bit", "tmp", "eject-test"));
        tx.Snapshot(Path.Combine(root, "NuGet.Config"));
        tx.SnapshotFolder(Path.Combine(root, "src", "app", "obj"));
        tx.SnapshotFolder(Path.Combine(root, "src", "lib", "obj"));
        tx.Write(app, "<Project>changed</Project>"u8.ToArray());
        tx.Write(bitmap, "{}"u8.ToArray());
        tx.Write(Path.Combine(root, "NuGet.Config"), "<configuration />"u8.ToArray());
        tx.MoveAside(Path.Combine(root, "src", "hello", "world"));
        // What a failed restore leaves behind: rewritten and new obj/ files, and an obj/ folder that did not exist.
        Write("src/app/obj/project.assets.json", "{ \"new\": true }"u8.ToArray());
        Write("src/app/obj/project.nuget.cache", "cache"u8.ToArray());
        Write("src/lib/obj/project.assets.json", "{}"u8.ToArray());
        Assert.False(Directory.Exists(Path.Combine(root, "src", "hello", "world")));

        var problems = tx.Rollback();

        Assert.Empty(problems);
        var after = Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} differs after rollback");
        }

        Assert.False(Directory.Exists(Path.Combine(root, "src", "lib", "obj")));
        Assert.False(Directory.Exists(Path.Combine(root, ".bit", "tmp", "eject-test")));
    }

    [Fact]
    public void Commit_deletes_the_moved_aside_folder()
    {
        Write("src/hello/world/Hello.World.csproj", "<Project />"u8.ToArray());
        var tx = new WorkspaceTransaction(root, Path.Combine(root, ".bit", "tmp", "eject-test"));
        tx.MoveAside(Path.Combine(root, "src", "hello", "world"));

        Assert.True(tx.Commit());

        Assert.False(Directory.Exists(Path.Combine(root, "src", "hello", "world")));
        Assert.False(Directory.Exists(tx.BackupFolder));
    }
}
