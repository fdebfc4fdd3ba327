using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Tagging;

namespace BitBuild.Engine.Tests.Tagging;

public sealed class ComponentGraphTests
{
    private static readonly WorkspaceDeclarations Declarations = new(
        [new DeclaredComponent("utils/string", "/ws/src/utils/string/U.csproj", null), new DeclaredComponent("hello/world", "/ws/src/hello/world/W.csproj", null)],
        [],
        null);

    [Fact]
    public void Project_references_between_components_become_dependencies()
    {
        var graph = ComponentGraph.FromReferences(
            Declarations,
            new Dictionary<string, IReadOnlyList<string>> { ["hello/world"] = ["/ws/src/utils/string/U.csproj"], ["utils/string"] = [] },
            p => p);

        Assert.Equal(["utils/string"], graph.DependenciesOf("hello/world"));
        Assert.Equal(["hello/world"], graph.DependentsOf("utils/string"));
        Assert.Equal(["utils/string", "hello/world"], graph.DependenciesFirst(["hello/world", "utils/string"]));
    }

    [Fact]
    public void Reference_to_a_project_that_is_not_a_component_is_BIT2004()
    {
        var ex = Assert.Throws<BitException>(() => ComponentGraph.FromReferences(
            Declarations,
            new Dictionary<string, IReadOnlyList<string>> { ["hello/world"] = ["/ws/src/other/O.csproj"] },
            p => p.Replace("/ws/", string.Empty)));

        Assert.Equal(DiagnosticCodes.DependencyNotAComponent, ex.Code);
        Assert.Contains("src/other/O.csproj", ex.Message);
    }
}
