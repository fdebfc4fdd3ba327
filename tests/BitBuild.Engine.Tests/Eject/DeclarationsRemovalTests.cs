using System.Text;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Eject;

public sealed class DeclarationsRemovalTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "bitbuild-unit", "decl-" + Guid.NewGuid().ToString("N")[..8], Workspace.DeclarationsFileName);

    public DeclarationsRemovalTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, DeclarationsFile.Template("user.my-collection"));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

    [Fact]
    public void An_explicit_item_is_removed()
    {
        var file = DeclarationsFile.Load(path);
        file.AddComponent("src/hello/world/Hello.World.csproj", null, null);
        file.Save();

        var reloaded = DeclarationsFile.Load(path);
        Assert.True(reloaded.RemoveComponent("src/hello/world/Hello.World.csproj"));
        Assert.DoesNotContain("BitComponent Include", Encoding.UTF8.GetString(reloaded.ToBytes()));
    }

    [Fact]
    public void A_component_matched_by_a_glob_gets_a_Remove_item_after_the_glob()
    {
        File.WriteAllText(path, File.ReadAllText(path).Replace(
            "<ItemGroup Label=\"Components\">",
            "<ItemGroup Label=\"Components\">\n    <BitComponent Include=\"$(MSBuildThisFileDirectory)src/**/*.csproj\" />"));
        var file = DeclarationsFile.Load(path);

        Assert.False(file.RemoveComponent("src/hello/world/Hello.World.csproj"));
        file.ExcludeComponent("src/hello/world/Hello.World.csproj");

        var text = Encoding.UTF8.GetString(file.ToBytes());
        Assert.Contains(
            "    <BitComponent Include=\"$(MSBuildThisFileDirectory)src/**/*.csproj\" />\n    <BitComponent Remove=\"$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj\" />\n  </ItemGroup>",
            text);
    }
}
