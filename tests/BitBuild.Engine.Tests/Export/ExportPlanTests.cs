using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Export;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Tests.Export;

public sealed class ExportPlanTests
{
    private static readonly WorkspaceDeclarations NoDeclarations = new([], [], null);

    /// <summary>utils/string ← hello/world ← hello/app-kit, each tagged 0.0.1 and never exported.</summary>
    private static Bitmap Chain()
    {
        var bitmap = new Bitmap();
        Add(bitmap, "utils/string", "0.0.1");
        Add(bitmap, "hello/world", "0.0.1", ("utils/string", "0.0.1"));
        Add(bitmap, "hello/app-kit", "0.0.1", ("hello/world", "0.0.1"));
        return bitmap;
    }

    private static TaggedVersion Add(Bitmap bitmap, string id, string version, params (string Id, string Version)[] deps)
    {
        var tagged = new TaggedVersion { Version = version, Hash = $"sha256:{id}@{version}" };
        foreach (var (depId, depVersion) in deps)
        {
            tagged.Dependencies[depId] = depVersion;
        }

        bitmap.GetOrAdd(id).Versions.Add(tagged);
        return tagged;
    }

    [Fact]
    public void Exporting_all_staged_components_sends_dependencies_first_with_scope_package_ids()
    {
        var bitmap = Chain();
        var selection = ExportSelection.Select(new ExportOptions { Scope = "user.my-collection" }, NoDeclarations, bitmap);
        var plan = ExportPlanner.Plan(selection.Versions, bitmap, rewire: false);

        Assert.Equal(["utils/string", "hello/world", "hello/app-kit"], plan.Select(p => p.ComponentId));
        Assert.Equal("user.my-collection.hello.world", plan[1].PackageId);
        Assert.Equal("user.my-collection.utils.string", plan[1].Dependencies["utils/string"].PackageId);
    }

    [Fact]
    public void Without_a_scope_components_go_to_primary_then_Scope_metadata_then_default_and_the_rest_are_left_out()
    {
        var bitmap = Chain();
        bitmap.Find("utils/string")!.Scope = "team.core";
        Add(bitmap, "lonely/one", "0.0.1");
        var declarations = new WorkspaceDeclarations(
            [new DeclaredComponent("hello/world", "/nowhere/Hello.World.csproj", "team.web")],
            [],
            DefaultScope: null);
        var selection = ExportSelection.Select(new ExportOptions(), declarations, bitmap);

        Assert.Equal("team.core", selection.Versions.Single(v => v.ComponentId == "utils/string").Scope);
        Assert.Equal("team.web", selection.Versions.Single(v => v.ComponentId == "hello/world").Scope);
        Assert.Equal(["hello/app-kit", "lonely/one"], selection.ComponentsWithoutScope.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_dependency_in_its_primary_scope_is_taken_from_there()
    {
        var bitmap = Chain();
        var utils = bitmap.Find("utils/string")!;
        utils.Scope = "team.core";
        utils.Versions[0].ExportedTo.Add("team.core");
        var selection = ExportSelection.Select(new ExportOptions { Scope = "bit.movie-app", Ids = ["hello/world"] }, NoDeclarations, bitmap);
        var plan = ExportPlanner.Plan(selection.Versions, bitmap, rewire: false);

        var package = Assert.Single(plan);
        Assert.Equal("bit.movie-app.hello.world", package.PackageId);
        Assert.Equal("team.core.utils.string", package.Dependencies["utils/string"].PackageId);
    }

    [Fact]
    public void A_dependency_in_no_scope_and_not_in_the_export_is_BIT3016()
    {
        var bitmap = Chain();
        var selection = ExportSelection.Select(new ExportOptions { Scope = "bit.movie-app", Ids = ["hello/world"] }, NoDeclarations, bitmap);
        var error = Assert.Throws<BitException>(() => ExportPlanner.Plan(selection.Versions, bitmap, rewire: false));
        Assert.Equal(DiagnosticCodes.DependencyNotInScope, error.Code);
        Assert.Contains("hello/world 0.0.1 depends on utils/string 0.0.1", error.Message);
    }

    [Fact]
    public void A_dependency_version_not_yet_in_its_primary_scope_is_BIT3016()
    {
        var bitmap = Chain();
        var utils = bitmap.Find("utils/string")!;
        utils.Scope = "team.core"; // primary scope set, but 0.0.1 never reached it
        var selection = ExportSelection.Select(new ExportOptions { Scope = "bit.movie-app", Ids = ["hello/world"] }, NoDeclarations, bitmap);
        Assert.Equal(DiagnosticCodes.DependencyNotInScope, Assert.Throws<BitException>(() => ExportPlanner.Plan(selection.Versions, bitmap, rewire: false)).Code);
    }

    [Fact]
    public void Include_dependencies_sends_them_too_and_rewire_points_at_the_copies()
    {
        var bitmap = Chain();
        var utils = bitmap.Find("utils/string")!;
        utils.Scope = "team.core";
        utils.Versions[0].ExportedTo.Add("team.core");
        var options = new ExportOptions { Scope = "bit.movie-app", Ids = ["hello/world"], IncludeDependencies = true };

        var plain = ExportPlanner.Plan(ExportSelection.Select(options, NoDeclarations, bitmap).Versions, bitmap, rewire: false);
        Assert.Equal(["hello/world", "utils/string"], plain.Select(p => p.ComponentId).Order(StringComparer.Ordinal));
        Assert.Equal("team.core.utils.string", plain.Single(p => p.ComponentId == "hello/world").Dependencies["utils/string"].PackageId);

        var rewired = ExportPlanner.Plan(ExportSelection.Select(options with { Rewire = true }, NoDeclarations, bitmap).Versions, bitmap, rewire: true);
        Assert.Equal(["utils/string", "hello/world"], rewired.Select(p => p.ComponentId));
        Assert.Equal("bit.movie-app.utils.string", rewired[1].Dependencies["utils/string"].PackageId);
    }

    [Fact]
    public void All_plans_every_version_even_those_bitmap_records_as_in_the_scope_so_the_scope_itself_decides()
    {
        var bitmap = Chain();
        foreach (var state in bitmap.Components.Values)
        {
            state.Scope = "user.my-collection";
            state.Versions[0].ExportedTo.Add("user.my-collection");
        }

        Assert.Empty(ExportSelection.Select(new ExportOptions(), NoDeclarations, bitmap).Versions);
        var all = ExportSelection.Select(new ExportOptions { All = true }, NoDeclarations, bitmap);
        Assert.Equal(["hello/app-kit", "hello/world", "utils/string"], all.Versions.Select(v => v.ComponentId).Order(StringComparer.Ordinal));

        // --include-dependencies with --all adds the dependencies too, whatever .bitmap says about the target scope.
        bitmap.Find("utils/string")!.Versions[0].ExportedTo.Add("bit.movie-app");
        var withDependencies = ExportSelection.Select(new ExportOptions { All = true, Scope = "bit.movie-app", Ids = ["hello/world"], IncludeDependencies = true }, NoDeclarations, bitmap);
        Assert.Equal(["hello/world", "utils/string"], withDependencies.Versions.Select(v => v.ComponentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Exported_versions_are_not_staged_and_patterns_pick_staged_matches()
    {
        var bitmap = Chain();
        var utils = bitmap.Find("utils/string")!;
        utils.Scope = "user.my-collection";
        utils.Versions[0].ExportedTo.Add("user.my-collection");

        var selection = ExportSelection.Select(new ExportOptions { Scope = "user.my-collection", Ids = ["hello/*"] }, NoDeclarations, bitmap);
        Assert.Equal(["hello/app-kit", "hello/world"], selection.Versions.Select(v => v.ComponentId).Order(StringComparer.Ordinal));
        Assert.Empty(ExportSelection.Select(new ExportOptions { Scope = "user.my-collection", Ids = ["utils/*"] }, NoDeclarations, bitmap).Versions);
    }

    [Fact]
    public void Naming_an_untagged_component_or_a_pattern_that_matches_nothing_is_an_error()
    {
        var bitmap = Chain();
        var declarations = new WorkspaceDeclarations([new DeclaredComponent("fresh/one", "/nowhere/Fresh.csproj", null)], [], null);
        Assert.Equal(DiagnosticCodes.ComponentNotTagged, Assert.Throws<BitException>(() => ExportSelection.Select(new ExportOptions { Scope = "s", Ids = ["fresh/one"] }, declarations, bitmap)).Code);
        Assert.Equal(DiagnosticCodes.NoPatternMatch, Assert.Throws<BitException>(() => ExportSelection.Select(new ExportOptions { Scope = "s", Ids = ["nothing/*"] }, declarations, bitmap)).Code);
        Assert.Equal(DiagnosticCodes.UnknownComponent, Assert.Throws<BitException>(() => ExportSelection.Select(new ExportOptions { Scope = "s", Ids = ["nothing/here"] }, declarations, bitmap)).Code);
    }

    [Fact]
    public void A_package_id_nuget_rejects_is_caught_before_anything_is_sent()
    {
        var bitmap = new Bitmap();
        Add(bitmap, "a/" + new string('b', 120), "0.0.1");
        var selection = ExportSelection.Select(new ExportOptions { Scope = "s" }, NoDeclarations, bitmap);
        Assert.Equal(DiagnosticCodes.InvalidPackageId, Assert.Throws<BitException>(() => ExportPlanner.Plan(selection.Versions, bitmap, rewire: false)).Code);
    }
}
