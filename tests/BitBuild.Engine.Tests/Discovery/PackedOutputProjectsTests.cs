using BitBuild.Engine.Discovery;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Discovery;

public sealed class PackedOutputProjectsTests
{
    [Fact]
    public void The_project_above_a_packed_bin_or_obj_file_is_found_once()
    {
        using var folder = new TestFolder();
        var generator = folder.Write("src/Generator/Generator.csproj", "<Project />");
        var toolkit = folder.Write("src/Toolkit/Toolkit.csproj", "<Project />");
        folder.Write("src/Two/A.csproj", "<Project />");
        folder.Write("src/Two/B.fsproj", "<Project />");
        folder.Write("artifacts/readme.txt", "");

        var found = PackedOutputProjects.Of(folder.Root, [
            folder.PathOf("src/Generator/bin/Release/netstandard2.0/Generator.dll"),
            folder.PathOf("src/Generator/obj/Release/netstandard2.0/Generator.xml"),
            folder.PathOf("src/Toolkit/bin/Release/net10.0/Toolkit.dll"), // the component's own output
            folder.PathOf("src/Two/bin/Release/x.dll"), // two projects: which one writes it is not known
            folder.PathOf("artifacts/bin/Generator/release/Generator.dll"), // no project there
            folder.PathOf("shared/Guard.cs"), // not build output
        ], toolkit).ToList();

        Assert.Equal([generator], found);
    }
}
