using System.Text.Json;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary><c>dotnet bit init</c> and <c>add</c>, and the promise that the CLI sees exactly the components MSBuild sees.</summary>
public sealed class WorkspaceDeclarationTests
{
    [Fact]
    public void Init_creates_declarations_import_bitmap_and_ignores_the_local_scope()
    {
        using var ws = new TempWorkspace("init");
        ws.Write(".gitignore", "bin/\nobj/");

        var result = CliAssert.Succeeded(BitCli.Bit(ws.Root, "init", "--default-scope", "user.my-collection"));

        Assert.Contains("Initialised a BitBuild workspace", result.StandardOutput);
        var declarations = ws.Read("BitWorkspace.props");
        Assert.Contains("<BitDefaultScope>user.my-collection</BitDefaultScope>", declarations);
        Assert.Contains("<ItemGroup Label=\"Components\">", declarations);
        Assert.Contains("<Import Project=\"$(MSBuildThisFileDirectory)BitWorkspace.props\"", ws.Read("Directory.Build.props"));
        Assert.Equal("{\n  \"format\": 1,\n  \"components\": {}\n}\n", ws.Read(".bitmap"));
        var ignore = ws.Read(".gitignore").Split('\n');
        Assert.Equal("bin/", ignore[0]);
        Assert.Equal("obj/", ignore[1]);
        Assert.Contains("/.bit/", ignore);

        var again = CliAssert.Succeeded(BitCli.Bit(ws.Root, "init"));
        Assert.Contains("already a BitBuild workspace; nothing changed", again.StandardOutput);
        Assert.Single(ws.Read(".gitignore").Split('\n'), l => l == "/.bit/");
    }

    [Fact]
    public void Msbuild_sees_the_default_scope_through_Directory_Build_props()
    {
        using var ws = new TempWorkspace("init-msbuild");
        SampleComponents.Create(ws, addComponents: false);

        var result = CliAssert.Succeeded(BitCli.DotNet(ws.Root, "msbuild", "src/hello/world/Hello.World.csproj", "-getProperty:BitDefaultScope"));

        Assert.Equal("user.my-collection", result.StandardOutput.Trim());
    }

    [Fact]
    public void Add_writes_BitComponent_items_with_ids_derived_from_folders()
    {
        using var ws = new TempWorkspace("add");
        SampleComponents.Create(ws, addComponents: false);

        var result = CliAssert.Succeeded(BitCli.Bit(ws.Root, "add", "src/utils/string", "src/hello/world/Hello.World.csproj"));

        Assert.Contains("added component utils/string (src/utils/string/Utils.String.csproj)", result.StandardOutput);
        Assert.Contains("added component hello/world (src/hello/world/Hello.World.csproj)", result.StandardOutput);
        Assert.Contains("2 components were added", result.StandardOutput);
        var declarations = ws.Read("BitWorkspace.props");
        Assert.Contains("<BitComponent Include=\"$(MSBuildThisFileDirectory)src/utils/string/Utils.String.csproj\" />", declarations);
        Assert.Contains("<BitComponent Include=\"$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj\" />", declarations);
        Assert.Equal(["hello/world", "utils/string"], StatusJson.List(ws.Root).Keys);
        Assert.Equal("new", StatusJson.Stages(ws.Root)["hello/world"]);
    }

    [Fact]
    public void Add_with_id_and_scope_writes_metadata_and_works_from_a_sub_folder()
    {
        using var ws = new TempWorkspace("add-id");
        SampleComponents.Create(ws, addComponents: false);

        CliAssert.Succeeded(BitCli.Bit(ws.PathOf("src/hello"), "add", "app-kit", "--id", "kit/banner", "--scope", "bit.movie-app"));

        Assert.Contains(
            "<BitComponent Include=\"$(MSBuildThisFileDirectory)src/hello/app-kit/Hello.AppKit.csproj\" Id=\"kit/banner\" Scope=\"bit.movie-app\" />",
            ws.Read("BitWorkspace.props"));
        var status = StatusJson.Status(ws.Root);
        Assert.Equal(["kit/banner"], status.Keys);
        Assert.Equal("bit.movie-app", status["kit/banner"].GetProperty("pendingScope").GetString());
    }

    [Fact]
    public void Add_rejects_bad_input_with_BIT_codes_and_changes_nothing()
    {
        using var ws = new TempWorkspace("add-bad");
        SampleComponents.Create(ws, addComponents: false);
        CliAssert.Succeeded(BitCli.Bit(ws.Root, "add", "src/utils/string"));
        var before = WorkspaceSnapshot.Take(ws.Root);

        Assert.Contains("'Hello World' is not a valid component id", CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/hello/world", "--id", "Hello World"), "BIT1005", exitCode: 2).StandardError);
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/hello/world", "--scope", "Not.Valid"), "BIT1010", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/utils/string"), "BIT1011");
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/hello/world", "--id", "utils/string"), "BIT1007");
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/nowhere"), "BIT1008");
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/hello/world", "src/hello/app-kit", "--id", "x"), "BIT1013", exitCode: 2);

        before.AssertUnchanged(ws.Root);
    }

    [Fact]
    public void Hand_written_glob_items_count_the_same_as_added_ones()
    {
        using var ws = new TempWorkspace("globs");
        SampleComponents.Create(ws, addComponents: false);
        WriteHandWrittenDeclarations(ws);

        var list = StatusJson.List(ws.Root);

        Assert.Equal(["hello/app-kit", "hello/world", "text/utils"], list.Keys);
        Assert.Equal("src/utils/string/Utils.String.csproj", list["text/utils"].GetProperty("project").GetString());
        Assert.Equal("src/hello/app-kit/Hello.AppKit.csproj", list["hello/app-kit"].GetProperty("project").GetString());
        Assert.All(StatusJson.Stages(ws.Root).Values, s => Assert.Equal("new", s));

        // A project a glob already declares cannot be added a second time.
        CliAssert.Failed(BitCli.Bit(ws.Root, "add", "src/hello/world"), "BIT1011");
    }

    [Fact]
    public void The_CLI_lists_exactly_the_components_MSBuild_evaluates()
    {
        using var ws = new TempWorkspace("msbuild-view");
        SampleComponents.Create(ws, addComponents: false);
        ws.AddLibrary("src/hello/legacy", "Hello.Legacy", "namespace Hello.Legacy; public static class Old { }");
        ws.AddLibrary("src/tools/cli", "Tools.Cli", "namespace Tools.Cli; public static class Cli { }");
        WriteHandWrittenDeclarations(ws);

        // MSBuild's own view, from inside a component project (which imports the declarations through Directory.Build.props).
        var msbuild = CliAssert.Succeeded(BitCli.DotNet(ws.Root, "msbuild", "src/hello/world/Hello.World.csproj", "-getItem:BitComponent"));
        using var items = JsonDocument.Parse(msbuild.StandardOutput);
        var seenByMsBuild = items.RootElement.GetProperty("Items").GetProperty("BitComponent").EnumerateArray()
            .Select(i => Path.GetRelativePath(ws.Root, i.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var seenByCli = StatusJson.List(ws.Root).Values.Select(c => c.GetProperty("project").GetString()!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(seenByMsBuild, seenByCli);
        // And the hand-written Exclude and Condition were applied, not just copied.
        Assert.Equal(["src/hello/app-kit/Hello.AppKit.csproj", "src/hello/world/Hello.World.csproj", "src/utils/string/Utils.String.csproj"], seenByCli);
    }

    /// <summary>A glob with an Exclude, an item with Id metadata, and one switched off by a Condition.</summary>
    private static void WriteHandWrittenDeclarations(TempWorkspace ws)
    {
        var text = ws.Read("BitWorkspace.props").Replace(
            "<ItemGroup Label=\"Components\">\n",
            """
            <ItemGroup Label="Components">
                <BitComponent Include="$(MSBuildThisFileDirectory)src/hello/*/*.csproj" Exclude="$(MSBuildThisFileDirectory)src/hello/legacy/**" />
                <BitComponent Include="$(MSBuildThisFileDirectory)src/utils/string/Utils.String.csproj" Id="text/utils" />
                <BitComponent Include="$(MSBuildThisFileDirectory)src/tools/cli/Tools.Cli.csproj" Condition="'$(BitIncludeTools)' == 'true'" />

            """);
        Assert.Contains("src/hello/*/*.csproj", text);
        ws.Write("BitWorkspace.props", text);
    }
}
