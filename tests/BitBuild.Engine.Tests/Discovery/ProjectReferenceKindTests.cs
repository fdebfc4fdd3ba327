using BitBuild.Engine.Discovery;

namespace BitBuild.Engine.Tests.Discovery;

public sealed class ProjectReferenceKindTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("true", null, false)]
    [InlineData("false", null, true)]
    [InlineData(" False ", null, true)]
    [InlineData(null, "all", true)]
    [InlineData(null, "compile;All", true)]
    [InlineData(null, "compile", false)]
    public void Only_references_pack_leaves_out_of_the_dependencies_are_build_only(string? referenceOutputAssembly, string? privateAssets, bool buildOnly)
    {
        Assert.Equal(buildOnly, ProjectReferenceKind.IsBuildOnly(referenceOutputAssembly, privateAssets));
    }
}
