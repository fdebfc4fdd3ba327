using BitBuild.Engine.Discovery;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Discovery;

/// <summary>
/// Status reuses the cached project descriptions only while nothing the describe evaluation read can have changed: any
/// file added or removed (a glob may match it), any MSBuild or project file's content, and the files outside the
/// workspace it imported.
/// </summary>
public sealed class DescriptionCacheKeyTests : IDisposable
{
    private readonly TestFolder folder = new();

    public DescriptionCacheKeyTests()
    {
        folder.Write("Directory.Build.props", "<Project><Import Project=\"BitWorkspace.props\" /></Project>");
        folder.Write("src/a/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("src/a/A.cs", "class A {}");
        folder.Write("shared/Guard.cs", "class Guard {}");
    }

    public void Dispose() => folder.Dispose();

    private string Key() => DescriptionCache.WorkspaceKey(folder.Root);

    [Fact]
    public void Is_stable_while_nothing_changes_and_ignores_source_edits()
    {
        var before = Key();
        folder.Write("shared/Guard.cs", "class Guard { int x; }");
        Assert.Equal(before, Key());
    }

    [Theory]
    [InlineData("shared/deeper/Extra.cs", "class Extra {}")]
    [InlineData("src/a/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"X\" Version=\"1.0.0\" /></ItemGroup></Project>")]
    [InlineData("Directory.Build.props", "<Project />")]
    [InlineData("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }")]
    public void Changes_with_a_new_file_or_an_msbuild_file_edit(string path, string content)
    {
        var before = Key();
        folder.Write(path, content);
        Assert.NotEqual(before, Key());
    }

    [Fact]
    public void Changes_when_a_file_is_deleted()
    {
        var before = Key();
        File.Delete(Path.Combine(folder.Root, "shared", "Guard.cs"));
        Assert.NotEqual(before, Key());
    }

    [Fact]
    public void Ignores_build_output()
    {
        var before = Key();
        folder.Write("src/a/obj/A.csproj.nuget.g.props", "<Project />");
        folder.Write("src/a/bin/Debug/A.dll", "x");
        Assert.Equal(before, Key());
    }

    [Fact]
    public void The_outside_key_follows_an_imported_file_rewritten_by_restore()
    {
        var imported = Path.Combine(folder.Root, "src", "a", "obj", "A.csproj.nuget.g.props");
        folder.Write("src/a/obj/A.csproj.nuget.g.props", "<Project />");
        var before = DescriptionCache.OutsideKey([imported]);
        folder.Write("src/a/obj/A.csproj.nuget.g.props", "<Project><ImportGroup /></Project>");
        Assert.NotEqual(before, DescriptionCache.OutsideKey([imported]));
    }
}
