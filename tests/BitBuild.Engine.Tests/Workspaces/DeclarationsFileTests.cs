using BitBuild.Engine.Tests.Infrastructure;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Workspaces;

public sealed class DeclarationsFileTests : IDisposable
{
    private readonly TestFolder folder = new();

    private string PropsPath => folder.PathOf("BitWorkspace.props");

    public void Dispose() => folder.Dispose();

    private const string HandWritten = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Team notes: keep the glob below. -->
        <Project>
          <PropertyGroup>
            <BitWorkspaceRoot>$(MSBuildThisFileDirectory)</BitWorkspaceRoot>
            <BitDefaultScope>user.my-collection</BitDefaultScope>
          </PropertyGroup>
          <ItemGroup Label="Components">
            <!-- every library under src/libs -->
            <BitComponent Include="$(MSBuildThisFileDirectory)src/libs/**/*.csproj" Exclude="$(MSBuildThisFileDirectory)src/libs/legacy/**" />
            <BitComponent Include="$(MSBuildThisFileDirectory)src/tools/Tool.csproj" Condition="'$(OS)' != 'Windows_NT'" Id="tools/cli" />
          </ItemGroup>
          <ItemGroup Label="Remotes">
            <BitRemote Include="user.my-collection" Source="../feeds/mine" />
          </ItemGroup>
        </Project>

        """;

    [Fact]
    public void Template_adds_and_removes_components_keeping_the_layout()
    {
        File.WriteAllText(PropsPath, DeclarationsFile.Template("user.my-collection"));
        var original = File.ReadAllText(PropsPath);

        var file = DeclarationsFile.Load(PropsPath);
        file.AddComponent("src/hello/world/Hello.World.csproj", null, null);
        file.AddComponent("src\\utils\\Utils.csproj", "utils/string", "bit.utils");
        file.Save();
        var added = File.ReadAllText(PropsPath);

        Assert.Contains("""
              <ItemGroup Label="Components">
                <BitComponent Include="$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj" />
                <BitComponent Include="$(MSBuildThisFileDirectory)src/utils/Utils.csproj" Id="utils/string" Scope="bit.utils" />
              </ItemGroup>
            """.Replace("\r\n", "\n"), added);

        file = DeclarationsFile.Load(PropsPath);
        Assert.True(file.RemoveComponent("src/hello/world/Hello.World.csproj"));
        Assert.True(file.RemoveComponent("src/utils/Utils.csproj"));
        file.Save();

        Assert.Equal(original, File.ReadAllText(PropsPath));
    }

    [Fact]
    public void Hand_written_items_comments_and_formatting_survive_add_and_remove()
    {
        File.WriteAllText(PropsPath, HandWritten);

        var file = DeclarationsFile.Load(PropsPath);
        file.AddComponent("src/hello/world/Hello.World.csproj", null, null);
        file.Save();
        var added = File.ReadAllText(PropsPath);

        Assert.Equal(
            HandWritten.Replace(
                "Id=\"tools/cli\" />\n",
                "Id=\"tools/cli\" />\n    <BitComponent Include=\"$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj\" />\n"),
            added);

        file = DeclarationsFile.Load(PropsPath);
        Assert.True(file.RemoveComponent("src/hello/world/Hello.World.csproj"));
        file.Save();

        Assert.Equal(HandWritten, File.ReadAllText(PropsPath));
    }

    [Fact]
    public void Remove_does_not_touch_glob_items()
    {
        File.WriteAllText(PropsPath, HandWritten);

        var file = DeclarationsFile.Load(PropsPath);

        Assert.False(file.RemoveComponent("src/libs/a/A.csproj"));
        file.Save();
        Assert.Equal(HandWritten, File.ReadAllText(PropsPath));
    }

    [Fact]
    public void Remotes_are_added_and_removed_keeping_hand_written_ones()
    {
        File.WriteAllText(PropsPath, HandWritten);

        var file = DeclarationsFile.Load(PropsPath);
        file.AddRemote("bit.movie-app", "https://example.com/v3/index.json");
        file.Save();
        var added = File.ReadAllText(PropsPath);

        Assert.Contains("""
                <BitRemote Include="user.my-collection" Source="../feeds/mine" />
                <BitRemote Include="bit.movie-app" Source="https://example.com/v3/index.json" />
              </ItemGroup>
            """.Replace("\r\n", "\n"), added);

        file = DeclarationsFile.Load(PropsPath);
        Assert.True(file.RemoveRemote("bit.movie-app"));
        Assert.False(file.RemoveRemote("nope"));
        file.Save();
        Assert.Equal(HandWritten, File.ReadAllText(PropsPath));
    }

    [Fact]
    public void Default_scope_is_changed_in_place()
    {
        File.WriteAllText(PropsPath, HandWritten);

        var file = DeclarationsFile.Load(PropsPath);
        file.SetDefaultScope("bit.movie-app");
        file.Save();

        Assert.Equal(HandWritten.Replace("<BitDefaultScope>user.my-collection<", "<BitDefaultScope>bit.movie-app<"), File.ReadAllText(PropsPath));
    }
}
