using System.Text;
using BitBuild.Engine.Eject;

namespace BitBuild.Engine.Tests.Eject;

public sealed class ProjectReferenceRewriterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "bitbuild-unit", "rewrite");
    private static readonly string App = Path.Combine(Root, "src", "app", "App.csproj");
    private static readonly PackageReplacement World = new(Path.Combine(Root, "src", "hello", "world", "Hello.World.csproj"), "user.my-collection.hello.world", "0.0.1");

    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="..\hello\world\Hello.World.csproj" PrivateAssets="all" />
            <ProjectReference Include="..\utils\Utils.csproj" />
          </ItemGroup>
        </Project>

        """;

    [Fact]
    public void Without_central_package_management_the_reference_gets_a_version()
    {
        var result = ProjectReferenceRewriter.Rewrite(Encoding.UTF8.GetBytes(AppProject), App, [World], central: false, out var applied);

        Assert.Equal([World], applied);
        Assert.Equal(
            AppProject.Replace(
                """<ProjectReference Include="..\hello\world\Hello.World.csproj" PrivateAssets="all" />""",
                """<PackageReference Include="user.my-collection.hello.world" Version="0.0.1" PrivateAssets="all" />"""),
            Encoding.UTF8.GetString(result!));
    }

    [Fact]
    public void With_central_package_management_the_reference_has_no_version_and_the_props_file_gets_one()
    {
        var result = ProjectReferenceRewriter.Rewrite(Encoding.UTF8.GetBytes(AppProject), App, [World], central: true, out _);
        Assert.Contains("""<PackageReference Include="user.my-collection.hello.world" PrivateAssets="all" />""", Encoding.UTF8.GetString(result!));

        const string props = """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="xunit" Version="2.9.3" />
              </ItemGroup>
            </Project>

            """;
        Assert.True(CentralPackageVersions.IsEnabled(Encoding.UTF8.GetBytes(props)));
        var updated = CentralPackageVersions.SetPackageVersion(Encoding.UTF8.GetBytes(props), "user.my-collection.hello.world", "0.0.1");
        Assert.Equal(
            props.Replace(
                """    <PackageVersion Include="xunit" Version="2.9.3" />""",
                """
                    <PackageVersion Include="xunit" Version="2.9.3" />
                    <PackageVersion Include="user.my-collection.hello.world" Version="0.0.1" />
                """.TrimEnd('\n')),
            Encoding.UTF8.GetString(updated!));
        Assert.Null(CentralPackageVersions.SetPackageVersion(updated!, "user.my-collection.hello.world", "0.0.1"));
    }

    [Fact]
    public void A_props_file_without_package_versions_gets_a_new_item_group()
    {
        var props = "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n";
        var updated = Encoding.UTF8.GetString(CentralPackageVersions.SetPackageVersion(Encoding.UTF8.GetBytes(props), "s.a", "1.0.0")!);
        Assert.Equal(
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n" +
            "  <ItemGroup>\n    <PackageVersion Include=\"s.a\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n",
            updated);
    }

    [Fact]
    public void Byte_order_mark_declaration_and_crlf_line_endings_are_kept()
    {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n" + AppProject.Replace("\n", "\r\n");
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var result = ProjectReferenceRewriter.Rewrite(bytes, App, [World], central: false, out _)!;

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, result[..3]);
        var expected = text.Replace(
            """<ProjectReference Include="..\hello\world\Hello.World.csproj" PrivateAssets="all" />""",
            """<PackageReference Include="user.my-collection.hello.world" Version="0.0.1" PrivateAssets="all" />""");
        Assert.Equal(expected, Encoding.UTF8.GetString(result[3..]));
    }

    [Fact]
    public void A_project_that_does_not_reference_the_component_is_left_alone()
    {
        var other = new PackageReplacement(Path.Combine(Root, "src", "other", "Other.csproj"), "s.other", "1.0.0");
        Assert.Null(ProjectReferenceRewriter.Rewrite(Encoding.UTF8.GetBytes(AppProject), App, [other], central: false, out var applied));
        Assert.Empty(applied);
    }

    [Fact]
    public void An_existing_package_reference_to_the_same_package_just_loses_the_project_reference()
    {
        var project = AppProject.Replace("<ProjectReference Include=\"..\\utils\\Utils.csproj\" />", "<PackageReference Include=\"user.my-collection.hello.world\" Version=\"0.0.1\" />");
        var result = Encoding.UTF8.GetString(ProjectReferenceRewriter.Rewrite(Encoding.UTF8.GetBytes(project), App, [World], central: false, out _)!);
        Assert.DoesNotContain("ProjectReference", result);
        Assert.Single(result.Split("user.my-collection.hello.world")[1..]);
    }
}
