using System.Text;
using BitBuild.Engine.Files;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Files;

public sealed class XmlTextEditTests
{
    // What XDocument would rewrite: the declaration, a single-quoted attribute, '>' in a condition, an entity, a comment
    // after the root, odd spacing inside tags.
    private const string UserFile = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- repository settings -->
        <Project   ToolsVersion='15.0' >
            <PropertyGroup Condition=" '$(Count)' > '1' ">
                <Company>A &amp; B</Company>   <!-- kept -->
            </PropertyGroup>
        </Project>
        <!-- trailing -->

        """;

    [Fact]
    public void Inserting_first_adds_only_the_new_lines_with_the_children_indent()
    {
        var edited = XmlTextEdit.InsertFirstInRoot(UserFile, "<Import Project=\"x.props\" />");

        Assert.Equal(UserFile, RemoveLines(edited, "    <Import Project=\"x.props\" />"));
        Assert.Contains("<Project   ToolsVersion='15.0' >\n    <Import Project=\"x.props\" />\n    <PropertyGroup", edited);
    }

    [Fact]
    public void Appending_adds_the_lines_just_above_the_end_tag()
    {
        var edited = XmlTextEdit.AppendToRoot(UserFile, "<ItemGroup>\n  <X Include=\"y\" />\n</ItemGroup>");

        Assert.Equal(UserFile, RemoveLines(edited, "    <ItemGroup>", "      <X Include=\"y\" />", "    </ItemGroup>"));
        Assert.Contains("    </PropertyGroup>\n    <ItemGroup>\n      <X Include=\"y\" />\n    </ItemGroup>\n</Project>", edited);
    }

    [Fact]
    public void CRLF_files_get_CRLF_lines()
    {
        var crlf = UserFile.Replace("\n", "\r\n", StringComparison.Ordinal);
        var edited = XmlTextEdit.AppendToRoot(crlf, "<A />");
        Assert.Equal(crlf, edited.Replace("    <A />\r\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("\n", edited.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<Project />\n")]
    [InlineData("<Project/>")]
    public void A_self_closing_root_is_opened(string text)
    {
        var edited = XmlTextEdit.AppendToRoot(text, "<A />");
        Assert.StartsWith("<Project>\n  <A />\n</Project>", edited);
        System.Xml.Linq.XDocument.Parse(edited);
    }

    [Fact]
    public void A_root_on_one_line_gets_its_children_on_lines_of_their_own()
    {
        Assert.Equal("<Project><P /></Project>".Replace("</Project>", "\n  <A />\n</Project>", StringComparison.Ordinal), XmlTextEdit.AppendToRoot("<Project><P /></Project>", "<A />"));
    }

    [Fact]
    public void Editing_a_file_keeps_its_byte_order_mark()
    {
        using var folder = new TestFolder();
        var path = folder.PathOf("Directory.Build.props");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<Project>\n</Project>\n")]);

        XmlTextEdit.EditFile(path, text => XmlTextEdit.AppendToRoot(text, "<A />"));

        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<Project>\n  <A />\n</Project>\n")], File.ReadAllBytes(path));
    }

    private const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            <add key="team" value="/feeds/team" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
            <packageSource key="team" />
          </packageSourceMapping>
        </configuration>

        """;

    [Fact]
    public void Appends_inside_a_nested_element_found_by_name_and_key()
    {
        var edited = XmlTextEdit.AppendToElement(NuGetConfig, [("packageSourceMapping", null), ("packageSource", "nuget.org")], "<package pattern=\"BitBuild\" />");

        Assert.NotNull(edited);
        Assert.Equal(NuGetConfig, RemoveLines(edited, "      <package pattern=\"BitBuild\" />"));
        Assert.Contains("<package pattern=\"*\" />\n      <package pattern=\"BitBuild\" />\n    </packageSource>", edited);
    }

    [Fact]
    public void Appending_inside_a_self_closing_nested_element_opens_it_at_its_indent()
    {
        var edited = XmlTextEdit.AppendToElement(NuGetConfig, [("packageSourceMapping", null), ("packageSource", "team")], "<package pattern=\"BitBuild\" />");

        Assert.Contains("    <packageSource key=\"team\">\n      <package pattern=\"BitBuild\" />\n    </packageSource>\n  </packageSourceMapping>", edited);
        System.Xml.Linq.XDocument.Parse(edited!);
    }

    [Fact]
    public void A_missing_element_is_null()
    {
        Assert.Null(XmlTextEdit.AppendToElement(NuGetConfig, [("packageSourceMapping", null), ("packageSource", "other")], "<x />"));
        Assert.Null(XmlTextEdit.AppendToElement(NuGetConfig, [("config", null)], "<x />"));
    }

    /// <summary>The text with each of the given lines (and its line break) taken out once.</summary>
    private static string RemoveLines(string text, params string[] lines)
    {
        foreach (var line in lines)
        {
            var at = text.IndexOf(line + "\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{line}' is not a line of:\n{text}");
            text = text.Remove(at, line.Length + 1);
        }

        return text;
    }
}
