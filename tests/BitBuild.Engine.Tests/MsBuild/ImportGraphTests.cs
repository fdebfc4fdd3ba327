using BitBuild.Engine.MsBuild;

namespace BitBuild.Engine.Tests.MsBuild;

public sealed class ImportGraphTests
{
    private const string Sdk = "/usr/share/dotnet/sdk/10.0.401";

    private static string Line(string imported, string importer) =>
        $"                   Importing project \"{imported}\" into project \"{importer}\" at (34,3).";

    /// <summary>
    /// Two projects' evaluations as MSBuild logs them: the SDK's Microsoft.Common.props imports the Directory.Build.props
    /// each project finds above it, so the graph alone would give both projects both files.
    /// </summary>
    private static readonly string[] Log =
    [
        Line($"{Sdk}/Sdks/Microsoft.NET.Sdk/Sdk/Sdk.props", "/repo/src/a/a.csproj"),
        Line($"{Sdk}/Current/Microsoft.Common.props", $"{Sdk}/Sdks/Microsoft.NET.Sdk/Sdk/Sdk.props"),
        Line("/repo/src/Directory.Build.props", $"{Sdk}/Current/Microsoft.Common.props"),
        Line("/repo/eng/Common.targets", "/repo/src/Directory.Build.props"),
        Line("/repo/eng/Versions.props", "/repo/eng/Common.targets"),
        "                   Some other message about /repo/eng/Unrelated.targets",
        Line($"{Sdk}/Sdks/Microsoft.NET.Sdk/Sdk/Sdk.props", "/repo/tools/b/b.csproj"),
        Line("/repo/Directory.Build.props", $"{Sdk}/Current/Microsoft.Common.props"),
        Line("/repo/tools/b/obj/b.csproj.nuget.g.props", $"{Sdk}/Current/Microsoft.Common.props"),
        Line("/repo/tools/b/Local.targets", "/repo/tools/b/b.csproj"),
        Line("/home/me/.nuget/packages/minver/6.0.0/build/MinVer.targets", "/repo/tools/b/obj/b.csproj.nuget.g.props"),
    ];

    [Fact]
    public void A_project_gets_the_directory_files_above_it_and_everything_they_import()
    {
        var graph = ImportGraph.FromLog(Log);

        Assert.Equal(["/repo/eng/Common.targets", "/repo/eng/Versions.props", "/repo/src/Directory.Build.props"], graph.WorkspaceImportsOf("/repo/src/a/a.csproj", "/repo"));
    }

    [Fact]
    public void A_project_does_not_get_what_the_sdk_imported_for_another_project_nor_anything_outside_the_workspace()
    {
        var graph = ImportGraph.FromLog(Log);

        Assert.Equal(["/repo/Directory.Build.props", "/repo/tools/b/Local.targets"], graph.WorkspaceImportsOf("/repo/tools/b/b.csproj", "/repo"));
    }

    [Fact]
    public void A_graph_rebuilt_from_its_edges_answers_the_same()
    {
        var graph = ImportGraph.FromLog(Log);
        var rebuilt = ImportGraph.FromEdges(graph.Edges);

        Assert.Equal(graph.WorkspaceImportsOf("/repo/src/a/a.csproj", "/repo"), rebuilt.WorkspaceImportsOf("/repo/src/a/a.csproj", "/repo"));
        Assert.Equal(graph.WorkspaceImportsOf("/repo/tools/b/b.csproj", "/repo"), rebuilt.WorkspaceImportsOf("/repo/tools/b/b.csproj", "/repo"));
        Assert.Contains("/home/me/.nuget/packages/minver/6.0.0/build/MinVer.targets", rebuilt.Files);
    }

    [Fact]
    public void A_missing_log_is_an_empty_graph()
    {
        Assert.Empty(ImportGraph.FromLogFile("/nonexistent/imports.log").WorkspaceImportsOf("/repo/src/a/a.csproj", "/repo"));
    }
}
