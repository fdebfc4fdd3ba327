using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.State;
using BitBuild.Engine.Tagging;

namespace BitBuild.Engine.Tests.Tagging;

/// <summary>
/// The tag plan over a hand-built workspace: utils/string ← hello/world ← hello/app-kit, plus an unrelated tools/cli.
/// Hashes come from a dictionary, so "editing" a component is changing its entry.
/// </summary>
public sealed class TagPlannerTests
{
    private const string Utils = "utils/string";
    private const string World = "hello/world";
    private const string AppKit = "hello/app-kit";
    private const string Cli = "tools/cli";

    private readonly Dictionary<string, string> hashes = new()
    {
        [Utils] = "sha256:u1",
        [World] = "sha256:w1",
        [AppKit] = "sha256:a1",
        [Cli] = "sha256:c1",
    };

    private readonly Dictionary<string, IReadOnlyList<string>> edges = new()
    {
        [Utils] = [],
        [World] = [Utils],
        [AppKit] = [World],
        [Cli] = [],
    };

    private readonly Bitmap bitmap = new();

    private static WorkspaceDeclarations Declarations(params string[] ids) =>
        new(ids.Select(id => new DeclaredComponent(id, $"/ws/src/{id}/P.csproj", null)).ToList(), [], "user.my-collection");

    private WorkspaceDeclarations AllDeclared => Declarations(Utils, World, AppKit, Cli);

    private TagPlan Plan(params string[] ids) => Plan(new VersionIncrement(IncrementKind.Patch), ids);

    private TagPlan Plan(VersionIncrement increment, params string[] ids) =>
        TagPlanner.Plan(AllDeclared, new ComponentGraph(edges), bitmap, c => hashes[c.Id], new TagRequest(ids, ids.Length == 0, increment, "msg"));

    /// <summary>Records a plan in the bitmap as TagOperation would.</summary>
    private void Record(TagPlan plan)
    {
        foreach (var tag in plan.Tags)
        {
            var version = new TaggedVersion { Version = tag.Version, Hash = tag.Hash };
            foreach (var (dep, v) in tag.Dependencies)
            {
                version.Dependencies[dep] = v;
            }

            bitmap.GetOrAdd(tag.Id).Versions.Add(version);
        }
    }

    private readonly Dictionary<string, SortedDictionary<string, string>> inputs = [];

    private TagPlan PlanWithInputs() =>
        TagPlanner.Plan(AllDeclared, new ComponentGraph(edges), bitmap, c => hashes[c.Id], new TagRequest([], true, new VersionIncrement(IncrementKind.Patch), "msg"),
            c => inputs.TryGetValue(c.Id, out var i) ? new SortedDictionary<string, string>(i, StringComparer.Ordinal) : null);

    /// <summary>
    /// A component whose last tag recorded its outside inputs is changed when they differ, with its folder unchanged;
    /// its dependents are auto-tagged; a version recorded without inputs (an older BitBuild's) compares by hash alone.
    /// </summary>
    [Fact]
    public void Changed_outside_inputs_make_a_component_changed_and_versions_without_recorded_inputs_compare_by_hash()
    {
        inputs[Utils] = new(StringComparer.Ordinal) { ["shared/Guard.cs"] = "sha256:g1", ["package:Newtonsoft.Json"] = "13.0.3" };
        inputs[Cli] = new(StringComparer.Ordinal) { ["package:Newtonsoft.Json"] = "13.0.3" };
        var first = PlanWithInputs();
        Assert.Equal("13.0.3", first.Tags.Single(t => t.Id == Utils).Inputs!["package:Newtonsoft.Json"]);
        foreach (var tag in first.Tags.Where(t => t.Id != Cli))
        {
            bitmap.GetOrAdd(tag.Id).Versions.Add(new TaggedVersion { Version = tag.Version, Hash = tag.Hash, Inputs = tag.Inputs });
        }

        // Recorded by an older BitBuild: no inputs, so a change in them is not seen.
        bitmap.GetOrAdd(Cli).Versions.Add(new TaggedVersion { Version = "0.0.1", Hash = hashes[Cli] });
        Assert.Empty(PlanWithInputs().Tags);

        inputs[Utils]["shared/Guard.cs"] = "sha256:g2";
        inputs[Cli]["package:Newtonsoft.Json"] = "13.0.4";
        var second = PlanWithInputs();

        Assert.Equal("utils/string@0.0.2 hello/world@0.0.2(auto) hello/app-kit@0.0.2(auto)", Summary(second));
        Assert.Equal("sha256:g2", second.Tags[0].Inputs!["shared/Guard.cs"]);
    }

    private static string Summary(TagPlan plan) => string.Join(" ", plan.Tags.Select(t => $"{t.Id}@{t.Version}{(t.AutoTagged ? "(auto)" : "")}"));

    [Fact]
    public void First_tag_of_everything_is_dependencies_first_at_0_0_1_with_exact_dependency_versions()
    {
        var plan = Plan();

        Assert.Equal("tools/cli@0.0.1 utils/string@0.0.1 hello/world@0.0.1 hello/app-kit@0.0.1",
            string.Join(" ", plan.Tags.OrderBy(t => t.Id == Cli ? 0 : 1).Select(t => $"{t.Id}@{t.Version}")));
        var order = plan.Tags.Select(t => t.Id).ToList();
        Assert.True(order.IndexOf(Utils) < order.IndexOf(World) && order.IndexOf(World) < order.IndexOf(AppKit), string.Join(",", order));
        Assert.All(plan.Tags, t => Assert.False(t.AutoTagged));
        Assert.Equal(new Dictionary<string, string> { [Utils] = "0.0.1" }, plan.Tags.Single(t => t.Id == World).Dependencies);
        Assert.Equal(new Dictionary<string, string> { [World] = "0.0.1" }, plan.Tags.Single(t => t.Id == AppKit).Dependencies);
        Assert.Equal("sha256:w1", plan.Tags.Single(t => t.Id == World).Hash);
        Assert.Null(plan.Tags.Single(t => t.Id == World).PreviousVersion);
        Assert.Empty(plan.Unchanged);
    }

    [Fact]
    public void Unchanged_components_named_explicitly_are_skipped_and_reported()
    {
        Record(Plan());

        var plan = Plan(World, Cli);

        Assert.Empty(plan.Tags);
        Assert.Equal([World, Cli], plan.Unchanged);
    }

    [Fact]
    public void Tag_without_ids_takes_only_new_and_modified_components_and_reports_nothing_unchanged()
    {
        Record(Plan());
        hashes[Cli] = "sha256:c2";

        var plan = Plan();

        Assert.Equal("tools/cli@0.0.2", Summary(plan));
        Assert.Equal("0.0.1", plan.Tags[0].PreviousVersion);
        Assert.Empty(plan.Unchanged);
    }

    [Fact]
    public void Tagging_a_dependency_auto_tags_its_dependents_transitively_at_the_next_patch()
    {
        Record(Plan());
        hashes[Utils] = "sha256:u2";

        var plan = Plan(new VersionIncrement(IncrementKind.Minor), Utils);

        Assert.Equal("utils/string@0.1.0 hello/world@0.0.2(auto) hello/app-kit@0.0.2(auto)", Summary(plan));
        Assert.Equal("0.1.0", plan.Tags.Single(t => t.Id == World).Dependencies[Utils]);
        Assert.Equal("0.0.2", plan.Tags.Single(t => t.Id == AppKit).Dependencies[World]);
    }

    [Fact]
    public void Dependents_never_tagged_are_not_auto_tagged()
    {
        Record(Plan(Utils));
        hashes[Utils] = "sha256:u2";

        var plan = Plan(Utils);

        Assert.Equal("utils/string@0.0.2", Summary(plan));
    }

    [Fact]
    public void Unchanged_dependency_is_recorded_at_its_latest_tagged_version()
    {
        Record(Plan());
        hashes[World] = "sha256:w2";

        var plan = Plan(World);

        Assert.Equal("hello/world@0.0.2 hello/app-kit@0.0.2(auto)", Summary(plan));
        Assert.Equal("0.0.1", plan.Tags[0].Dependencies[Utils]);
    }

    [Fact]
    public void Dependency_never_tagged_is_BIT2005()
    {
        var ex = Assert.Throws<BitException>(() => Plan(World));

        Assert.Equal(DiagnosticCodes.DependencyNotTagged, ex.Code);
        Assert.Contains($"{World} depends on {Utils}", ex.Message);
    }

    [Fact]
    public void Dependency_modified_since_its_tag_is_BIT2010()
    {
        Record(Plan());
        hashes[Utils] = "sha256:u2";
        hashes[World] = "sha256:w2";

        var ex = Assert.Throws<BitException>(() => Plan(World));

        Assert.Equal(DiagnosticCodes.DependencyModified, ex.Code);
        Assert.Contains(Utils, ex.Message);
    }

    [Fact]
    public void Auto_tagged_dependent_with_another_modified_dependency_is_BIT2010()
    {
        // hello/app-kit also depends on tools/cli; tagging hello/world auto-tags app-kit, which would be packed against a
        // modified, untagged tools/cli.
        edges[AppKit] = [World, Cli];
        Record(Plan());
        hashes[World] = "sha256:w2";
        hashes[Cli] = "sha256:c2";

        var ex = Assert.Throws<BitException>(() => Plan(World));

        Assert.Equal(DiagnosticCodes.DependencyModified, ex.Code);
        Assert.Contains($"{AppKit} depends on {Cli}", ex.Message);
    }

    [Fact]
    public void Dependency_tagged_in_the_same_run_is_fine()
    {
        Record(Plan());
        hashes[Utils] = "sha256:u2";
        hashes[World] = "sha256:w2";

        var plan = Plan(Utils, World);

        Assert.Equal("utils/string@0.0.2 hello/world@0.0.2 hello/app-kit@0.0.2(auto)", Summary(plan));
    }

    [Fact]
    public void Cycle_is_BIT2006()
    {
        edges[Utils] = [AppKit];

        var ex = Assert.Throws<BitException>(() => Plan());

        Assert.Equal(DiagnosticCodes.DependencyCycle, ex.Code);
        Assert.Contains(Utils, ex.Message);
        Assert.Contains(AppKit, ex.Message);
    }

    [Fact]
    public void Unknown_id_is_BIT1006_listing_the_known_ones()
    {
        var ex = Assert.Throws<BitException>(() => Plan("hello/nobody"));

        Assert.Equal(DiagnosticCodes.UnknownComponent, ex.Code);
        Assert.Contains("hello/nobody", ex.Message);
        Assert.Contains(World, ex.Message);
    }

    [Theory]
    [InlineData("Hello/World")]
    [InlineData("hello//world")]
    [InlineData("hello world")]
    public void Id_no_component_could_have_is_BIT1005(string id)
    {
        var ex = Assert.Throws<BitException>(() => Plan(id));

        Assert.Equal(DiagnosticCodes.InvalidComponentId, ex.Code);
        Assert.Contains(id, ex.Message);
    }

    [Fact]
    public void Pattern_selects_every_matching_component()
    {
        Record(Plan(Utils));

        var plan = Plan("hello/*");

        Assert.Equal("hello/world@0.0.1 hello/app-kit@0.0.1", Summary(plan));
    }

    [Fact]
    public void Explicit_version_applies_to_the_named_components_and_dependents_get_the_next_patch()
    {
        Record(Plan());
        hashes[Utils] = "sha256:u2";

        var plan = Plan(new VersionIncrement(IncrementKind.Patch, ExplicitVersion: "1.0.0"), Utils);

        Assert.Equal("utils/string@1.0.0 hello/world@0.0.2(auto) hello/app-kit@0.0.2(auto)", Summary(plan));
    }

    [Fact]
    public void Explicit_version_not_greater_is_BIT2001()
    {
        Record(Plan(new VersionIncrement(IncrementKind.Patch, ExplicitVersion: "2.0.0")));
        hashes[Cli] = "sha256:c2";

        var ex = Assert.Throws<BitException>(() => Plan(new VersionIncrement(IncrementKind.Patch, ExplicitVersion: "1.5.0"), Cli));

        Assert.Equal(DiagnosticCodes.VersionNotGreater, ex.Code);
    }
}
