using BitBuild.Engine.Files;
using BitBuild.Engine.Tests.Infrastructure;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Writes_creating_folders_and_replaces_leaving_no_temp_files()
    {
        var path = folder.PathOf("a/b/file.json");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second ü");

        Assert.Equal("second ü", File.ReadAllText(path));
        Assert.Equal([0x73, 0x65], File.ReadAllBytes(path)[..2]); // no BOM
        Assert.Equal(["file.json"], Directory.GetFiles(folder.PathOf("a/b")).Select(Path.GetFileName));
    }

    [Fact]
    public void Puts_its_temp_file_in_the_folder_it_is_given()
    {
        var path = folder.PathOf("repo/.bitmap");
        var temp = folder.PathOf("repo/.bit/tmp");

        AtomicFile.WriteAllText(path, "first", temp);
        AtomicFile.Copy(folder.Write("source", "second"), path, temp);

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal([".bitmap"], Directory.GetFiles(folder.PathOf("repo")).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(temp));
    }

    [Fact]
    public void Copy_replaces_the_destination()
    {
        var source = folder.Write("source.bin", "new");
        var destination = folder.Write("out/dest.bin", "old");

        AtomicFile.Copy(source, destination);

        Assert.Equal("new", File.ReadAllText(destination));
        Assert.Equal(["dest.bin"], Directory.GetFiles(folder.PathOf("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Readers_never_see_a_torn_file_while_it_is_rewritten()
    {
        var path = folder.PathOf("state.json");
        var a = new string('a', 200_000);
        var b = new string('b', 200_000);
        AtomicFile.WriteAllText(path, a);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                AtomicFile.WriteAllText(path, i % 2 == 0 ? b : a);
            }

            stop.Cancel();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var text = File.ReadAllText(path);
            Assert.True(text == a || text == b, $"torn read of {text.Length} characters");
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
    }
}
