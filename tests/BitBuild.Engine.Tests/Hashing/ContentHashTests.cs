using System.Text;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.Status;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Hashing;

/// <summary>The content hash over a component folder (a temp folder outside any git repository, so the file system is listed).</summary>
public sealed class ContentHashTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Component => folder.PathOf("src/hello/world");

    private void WriteComponent()
    {
        folder.Write("src/hello/world/Hello.World.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("src/hello/world/Greeter.cs", "class Greeter {}");
        folder.Write("src/hello/world/Sub/Util.cs", "class Util {}");
    }

    [Fact]
    public void Is_a_sha256_and_stable()
    {
        WriteComponent();

        var hash = ContentHash.OfFolder(Component);

        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.Equal(hash, ContentHash.OfFolder(Component));
        Assert.Equal("sha256:0123456789ab", ContentHash.Short(hash.Replace(hash[7..19], "0123456789ab")));
    }

    [Fact]
    public void Does_not_depend_on_the_order_files_are_given_in()
    {
        var files = new (string, string)[] { ("b.cs", "B"), ("a.cs", "A"), ("z/c.cs", "C") };

        var forward = ContentHash.Of(files.Select(Stream));
        var backward = ContentHash.Of(files.Reverse().Select(Stream));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Changes_with_content_with_a_rename_and_with_a_new_file()
    {
        WriteComponent();
        var original = ContentHash.OfFolder(Component);

        folder.Write("src/hello/world/Greeter.cs", "class Greeter { }");
        var edited = ContentHash.OfFolder(Component);
        File.Move(folder.PathOf("src/hello/world/Greeter.cs"), folder.PathOf("src/hello/world/Greeter2.cs"));
        var renamed = ContentHash.OfFolder(Component);
        folder.Write("src/hello/world/README.md", "docs");
        var added = ContentHash.OfFolder(Component);

        Assert.Equal(4, new[] { original, edited, renamed, added }.Distinct().Count());
    }

    [Fact]
    public void Bin_and_obj_are_excluded()
    {
        WriteComponent();
        var before = ContentHash.OfFolder(Component);

        folder.Write("src/hello/world/bin/Debug/net10.0/Hello.World.dll", "binary");
        folder.Write("src/hello/world/obj/project.assets.json", "{}");
        folder.Write("src/hello/world/Sub/obj/x.cs", "generated");

        Assert.Equal(before, ContentHash.OfFolder(Component));
        Assert.DoesNotContain(SourceFiles.List(Component), f => f.Contains("bin/") || f.Contains("obj/"));
    }

    [Fact]
    public void Nested_component_folders_are_excluded()
    {
        folder.Write("src/hello/Hello.csproj", "<Project />");
        folder.Write("src/hello/Hello.cs", "class Hello {}");
        var before = ContentHash.OfFolder(folder.PathOf("src/hello"), [folder.PathOf("src/hello/world")]);

        WriteComponent();
        var declarations = new WorkspaceDeclarations(
            [new DeclaredComponent("hello", folder.PathOf("src/hello/Hello.csproj"), null), new DeclaredComponent("hello/world", folder.PathOf("src/hello/world/Hello.World.csproj"), null)],
            [],
            null);

        Assert.Equal(before, WorkspaceStatus.HashOf(declarations.Components[0], declarations));
        Assert.Equal(["Hello.cs", "Hello.csproj"], SourceFiles.List(folder.PathOf("src/hello"), [folder.PathOf("src/hello/world")]));
        Assert.Equal(ContentHash.OfFolder(Component), WorkspaceStatus.HashOf(declarations.Components[1], declarations));
    }

    [Fact]
    public void Folder_and_the_same_files_as_streams_hash_the_same()
    {
        WriteComponent();

        var fromStreams = ContentHash.Of(new (string, string)[]
        {
            ("Hello.World.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />"),
            ("Greeter.cs", "class Greeter {}"),
            ("Sub/Util.cs", "class Util {}"),
        }.Select(Stream));

        Assert.Equal(fromStreams, ContentHash.OfFolder(Component));
    }

    [Fact]
    public void Source_files_are_relative_with_forward_slashes_and_sorted()
    {
        WriteComponent();

        Assert.Equal(["Greeter.cs", "Hello.World.csproj", "Sub/Util.cs"], SourceFiles.List(Component));
    }

    private static (string, Func<Stream>) Stream((string Path, string Content) file) =>
        (file.Path, () => new MemoryStream(Encoding.UTF8.GetBytes(file.Content)));
}
