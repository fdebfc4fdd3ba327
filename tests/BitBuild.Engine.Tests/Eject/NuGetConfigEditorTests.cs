using System.Text;
using BitBuild.Engine.Eject;

namespace BitBuild.Engine.Tests.Eject;

public sealed class NuGetConfigEditorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "bitbuild-unit", "nugetconfig-" + Guid.NewGuid().ToString("N")[..8]);

    public NuGetConfigEditorTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private const string Config = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>

        """;

    private const string MappedConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>

        """;

    [Fact]
    public void The_scope_source_is_added_after_the_existing_sources()
    {
        var change = new NuGetConfigChange("user.my-collection", "/scopes/my-collection", AddSource: true, MappingPattern: null);

        var result = Encoding.UTF8.GetString(NuGetConfigEditor.Apply(Encoding.UTF8.GetBytes(Config), change));

        Assert.Equal(
            Config.Replace(
                """    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />""",
                """
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                    <add key="user.my-collection" value="/scopes/my-collection" />
                """.TrimEnd('\n')),
            result);
    }

    [Fact]
    public void With_source_mapping_the_scope_prefix_is_mapped_to_its_source()
    {
        var change = new NuGetConfigChange("user.my-collection", "/scopes/my-collection", AddSource: true, MappingPattern: "user.my-collection.*");

        var result = Encoding.UTF8.GetString(NuGetConfigEditor.Apply(Encoding.UTF8.GetBytes(MappedConfig), change));

        Assert.Contains("""
                <add key="user.my-collection" value="/scopes/my-collection" />
              </packageSources>
            """, result);
        Assert.Contains("""
                  <package pattern="*" />
                </packageSource>
                <packageSource key="user.my-collection">
                  <package pattern="user.my-collection.*" />
                </packageSource>
              </packageSourceMapping>
            """, result);
    }

    [Fact]
    public void A_missing_config_is_created_with_the_source()
    {
        var change = new NuGetConfigChange("bit.movie-app", "/scopes/movie-app", AddSource: true, MappingPattern: null);

        var result = Encoding.UTF8.GetString(NuGetConfigEditor.Apply(null, change));

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"bit.movie-app\" value=\"/scopes/movie-app\" />\n  </packageSources>\n</configuration>\n",
            result);
    }

    [Fact]
    public void A_local_scope_server_over_plain_http_is_allowed_explicitly()
    {
        var change = new NuGetConfigChange("user.my-collection", "http://127.0.0.1:5080/user.my-collection/v3/index.json", AddSource: true, MappingPattern: null);

        var result = Encoding.UTF8.GetString(NuGetConfigEditor.Apply(Encoding.UTF8.GetBytes(Config), change));

        Assert.Contains("""<add key="user.my-collection" value="http://127.0.0.1:5080/user.my-collection/v3/index.json" allowInsecureConnections="true" />""", result);
    }

    [Fact]
    public void Plan_adds_the_source_and_a_mapping_when_the_repository_maps_sources()
    {
        File.WriteAllText(Path.Combine(root, "NuGet.Config"), MappedConfig);
        var scopeFolder = Path.Combine(root, "scope");

        var change = NuGetConfigEditor.Plan(root, "user.my-collection", scopeFolder, ["user.my-collection.hello.world"]);

        Assert.Equal(new NuGetConfigChange("user.my-collection", scopeFolder, AddSource: true, MappingPattern: "user.my-collection.*"), change);
    }

    [Fact]
    public void Plan_adds_nothing_when_the_scope_already_is_a_source_by_name_and_no_mapping_is_used()
    {
        File.WriteAllText(Path.Combine(root, "NuGet.Config"), Config.Replace("<clear />", "<clear />\n    <add key=\"user.my-collection\" value=\"https://example.com/v3/index.json\" />"));

        var change = NuGetConfigEditor.Plan(root, "user.my-collection", Path.Combine(root, "elsewhere"), ["user.my-collection.hello.world"]);

        Assert.True(change.IsEmpty);
        Assert.Equal("user.my-collection", change.SourceKey);
    }

    [Fact]
    public void Plan_maps_the_prefix_to_an_existing_source_when_mapping_does_not_cover_it()
    {
        File.WriteAllText(Path.Combine(root, "NuGet.Config"), MappedConfig.Replace("<clear />", "<clear />\n    <add key=\"user.my-collection\" value=\"https://example.com/v3/index.json\" />"));

        var change = NuGetConfigEditor.Plan(root, "user.my-collection", "https://example.com/v3/index.json", ["user.my-collection.hello.world"]);

        Assert.False(change.AddSource);
        Assert.Equal("user.my-collection.*", change.MappingPattern);
    }
}
