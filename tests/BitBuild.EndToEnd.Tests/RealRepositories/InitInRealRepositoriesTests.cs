using System.Text;
using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// <c>dotnet bit init</c> in repositories as they are: the projects in src/ import src/Directory.Build.props, which does
/// not import the root one, so init's import in the root file alone would reach no project; and the files init edits are
/// the team's own (a byte order mark, CRLF, comments, single-quoted attributes, '>' in a value): only the lines init
/// adds may differ.
/// </summary>
public sealed class InitInRealRepositoriesTests
{
    private const string RootProps = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!-- Repository-wide settings. -->\r\n<Project>\r\n\t<PropertyGroup Condition=\" '$(Configuration)' == '' \">\r\n\t\t<Company>A &amp; B</Company>\r\n\t\t<Description>maps a -> b</Description>\r\n\t</PropertyGroup>\r\n</Project>\r\n";

    private const string SourceProps = "<Project   TreatAsLocalProperty='Nothing'>\n  <!-- src/ settings: deliberately not importing the root file -->\n  <PropertyGroup>\n    <LangVersion>latest</LangVersion>\n  </PropertyGroup>\n</Project>\n";

    [Fact]
    public void Init_imports_the_declarations_into_a_nested_Directory_Build_props_adding_only_its_lines()
    {
        using var ws = new TempWorkspace("init-nested");
        WriteWithBom(ws, "Directory.Build.props", RootProps);
        ws.Write("src/Directory.Build.props", SourceProps);
        ws.AddLibrary("src/Polly.Core", "Polly.Core", "namespace Polly;\npublic static class Policy { }\n");

        var init = BitCli.Bit(ws.Root, "init", "--default-scope", "acme.libs");

        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        Assert.Contains("src/Directory.Build.props", init.StandardOutput);
        var rootBytes = File.ReadAllBytes(ws.PathOf("Directory.Build.props"));
        Assert.Equal([0xEF, 0xBB, 0xBF], rootBytes[..3]);
        Assert.Equal(RootProps, WithoutAddedLines(Encoding.UTF8.GetString(rootBytes[3..]), "BitWorkspace.props", "\r\n"));
        var nested = ws.Read("src/Directory.Build.props");
        Assert.Equal(SourceProps, WithoutAddedLines(nested, "BitWorkspace.props", "\n"));
        Assert.Contains("<Import Project=\"$(MSBuildThisFileDirectory)../BitWorkspace.props\"", nested);

        // The project sees the declarations now, as MSBuild evaluates it.
        var root = BitCli.DotNet(ws.Root, "msbuild", "src/Polly.Core/Polly.Core.csproj", "-getProperty:BitWorkspaceRoot", "-nologo");
        Assert.True(root.ExitCode == 0, root.CombinedOutput);
        Assert.Equal(Path.TrimEndingDirectorySeparator(ws.Root), Path.TrimEndingDirectorySeparator(root.StandardOutput.Trim()));
        var add = BitCli.Bit(ws.Root, "add", "src/Polly.Core");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);

        // A dotted folder name reads as .NET namespaces do: the id polly/core, the package acme.libs.polly.core.
        Assert.Contains("added component polly/core (src/Polly.Core/Polly.Core.csproj) -> package acme.libs.polly.core in scope acme.libs", add.StandardOutput);
        Assert.Contains("polly/core", BitCli.Bit(ws.Root, "status").StandardOutput);

        // Again: nothing to add, nothing changed.
        var again = BitCli.Bit(ws.Root, "init");
        Assert.True(again.ExitCode == 0, again.CombinedOutput);
        Assert.Equal(nested, ws.Read("src/Directory.Build.props"));
    }

    [Fact]
    public void A_project_that_cannot_see_the_declarations_is_BIT1015_saying_what_to_add_where()
    {
        using var ws = new TempWorkspace("init-blind");
        ws.Write("src/Directory.Build.props", SourceProps);
        ws.AddLibrary("src/Lib", "Lib", "namespace Lib;\npublic static class Code { }\n");
        ws.Write("tools/Blind/Blind.csproj", """
            <Project>
              <PropertyGroup><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
            </Project>
            """);

        var init = BitCli.Bit(ws.Root, "init", "--default-scope", "acme.libs");

        Assert.Equal(1, init.ExitCode);
        Assert.Contains("error BIT1015: tools/Blind/Blind.csproj does not see the BitBuild declarations", init.StandardError);
        Assert.Contains("Add this line to tools/Blind/Blind.csproj", init.StandardError);
        Assert.Contains("<Import Project=\"$(MSBuildThisFileDirectory)../../BitWorkspace.props\"", init.StandardError);
        Assert.DoesNotContain("   at ", init.StandardError);
    }

    [Fact]
    public void Add_with_a_pattern_declares_every_project_folder_it_matches_with_ids_that_read_like_the_packages()
    {
        using var ws = new TempWorkspace("add-pattern");
        ws.AddLibrary("src/Polly.Core", "Polly.Core", "namespace Polly;\npublic static class Policy { }\n");
        ws.AddLibrary("src/Polly.Extensions.Http", "Polly.Extensions.Http", "namespace Polly.Extensions.Http;\npublic static class Handler { }\n");
        ws.Write("src/docs/readme.md", "not a project\n");
        ws.AddLibrary("tests/Polly.Core.Tests", "Polly.Core.Tests", "namespace Polly.Tests;\npublic static class T { }\n");
        Assert.True(BitCli.Bit(ws.Root, "init", "--default-scope", "acme.libs").ExitCode == 0);

        var add = BitCli.Bit(ws.Root, "add", "src/*");

        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        Assert.Contains("added component polly/core (src/Polly.Core/Polly.Core.csproj) -> package acme.libs.polly.core in scope acme.libs", add.StandardOutput);
        Assert.Contains("added component polly/extensions/http (src/Polly.Extensions.Http/Polly.Extensions.Http.csproj) -> package acme.libs.polly.extensions.http in scope acme.libs", add.StandardOutput);
        Assert.Contains("2 components were added", add.StandardOutput);
        Assert.DoesNotContain("Tests", ws.Read("BitWorkspace.props"));

        // Again: what the pattern matches is declared already; nothing is added, nothing fails.
        var again = BitCli.Bit(ws.Root, "add", "src/*");
        Assert.True(again.ExitCode == 0, again.CombinedOutput);
        Assert.Contains("0 components were added", again.StandardOutput);
    }

    private static void WriteWithBom(TempWorkspace ws, string relative, string text) =>
        File.WriteAllBytes(ws.PathOf(relative), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>The text without the lines that contain <paramref name="marker"/> (what init added), line breaks kept as they are.</summary>
    private static string WithoutAddedLines(string text, string marker, string newline)
    {
        var lines = text.Split(newline);
        Assert.Contains(lines, l => l.Contains(marker, StringComparison.Ordinal));
        return string.Join(newline, lines.Where(l => !l.Contains(marker, StringComparison.Ordinal)));
    }
}
