using BitBuild.Engine.Discovery;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Discovery;

/// <summary>The cached declarations are reused only while nothing an MSBuild evaluation of them reads has changed.</summary>
public sealed class DeclarationsCacheKeyTests : IDisposable
{
    private readonly TestFolder folder = new();

    public DeclarationsCacheKeyTests()
    {
        folder.Write("Directory.Build.props", "<Project><Import Project=\"BitWorkspace.props\" /></Project>");
        folder.Write("BitWorkspace.props", "<Project><ItemGroup><BitComponent Include=\"src/*/*.csproj\" /></ItemGroup></Project>");
        folder.Write("src/a/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        folder.Write("src/a/A.cs", "class A {}");
    }

    public void Dispose() => folder.Dispose();

    private string Key() => DeclarationsCache.Key(folder.Root);

    [Fact]
    public void Is_stable_while_nothing_changes()
    {
        Assert.Equal(Key(), Key());
    }

    [Theory]
    [InlineData("BitWorkspace.props", "<Project><ItemGroup><BitComponent Include=\"src/a/A.csproj\" /></ItemGroup></Project>")]
    [InlineData("src/a/Directory.Build.targets", "<Project />")]
    [InlineData("src/b/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />")]
    [InlineData("src/c/C.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />")]
    public void Changes_with_an_import_or_the_set_of_projects(string path, string content)
    {
        var before = Key();
        folder.Write(path, content);
        Assert.NotEqual(before, Key());
    }

    [Theory]
    [InlineData("src/a/B.cs")]
    [InlineData("src/a/bin/Debug/x.props")]
    [InlineData("src/a/obj/A.csproj.nuget.g.props")]
    [InlineData(".bit/cache/x.targets")]
    [InlineData(".git/y.csproj")]
    [InlineData("node_modules/z/z.csproj")]
    public void Ignores_sources_build_output_and_tool_folders(string path)
    {
        var before = Key();
        folder.Write(path, "<Project />");
        Assert.Equal(before, Key());
    }

    [Fact]
    public void Sees_hidden_folders_other_than_the_skipped_ones()
    {
        var before = Key();
        folder.Write(".config/Hidden.props", "<Project />");
        Assert.NotEqual(before, Key());
    }
}
