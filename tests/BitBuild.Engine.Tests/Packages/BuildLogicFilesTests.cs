using System.IO.Compression;
using BitBuild.Engine.Packages;
using BitBuild.Engine.Tests.Export;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Packages;

public sealed class BuildLogicFilesTests
{
    [Theory]
    [InlineData("build/Acme.Toolkit.targets", "build/bitlocal.toolkit.targets")]
    [InlineData("build/Acme.Toolkit.props", "build/bitlocal.toolkit.props")]
    [InlineData("buildTransitive/acme.toolkit.targets", "buildTransitive/bitlocal.toolkit.targets")]
    [InlineData("buildTransitive/net8.0/Acme.Toolkit.targets", "buildTransitive/net8.0/bitlocal.toolkit.targets")]
    [InlineData("buildMultiTargeting/Acme.Toolkit.props", "buildMultiTargeting/bitlocal.toolkit.props")]
    public void Renames_the_files_NuGet_imports_by_the_package_id(string entry, string expected)
    {
        Assert.Equal(expected, BuildLogicFiles.RenamedEntry(entry, "Acme.Toolkit", "bitlocal.toolkit"));
    }

    [Theory]
    [InlineData("build/Acme.Toolkit.FeatureSwitches.targets")] // imported by the renamed file: keeps its name
    [InlineData("build/Other.targets")]
    [InlineData("build/Acme.Toolkit.dll")]
    [InlineData("lib/net8.0/Acme.Toolkit.targets")]
    [InlineData("content/build/Acme.Toolkit.targets")]
    [InlineData("build/net8.0/deeper/Acme.Toolkit.targets")]
    public void Leaves_every_other_entry(string entry)
    {
        Assert.Null(BuildLogicFiles.RenamedEntry(entry, "Acme.Toolkit", "bitlocal.toolkit"));
    }

    [Fact]
    public void Renames_in_place_keeping_the_content_and_the_other_entries()
    {
        using var folder = new TestFolder();
        var path = folder.PathOf("p.nupkg");
        File.WriteAllBytes(path, LocalPackageFactory.WithEntry(
            LocalPackageFactory.WithEntry(LocalPackageFactory.Create("toolkit", "1.0.0", new Dictionary<string, string>()), "buildTransitive/Acme.Toolkit.targets", "<Project />"u8.ToArray()),
            "buildTransitive/Acme.Toolkit.Switches.targets", "<Project><!-- imported --></Project>"u8.ToArray()));
        var before = LocalPackageFactory.EntryNames(File.ReadAllBytes(path));

        Assert.Equal(["buildTransitive/bitlocal.toolkit.targets"], BuildLogicFiles.RenameInPackage(path, "Acme.Toolkit", "bitlocal.toolkit"));

        var after = File.ReadAllBytes(path);
        Assert.Equal("<Project />"u8.ToArray(), LocalPackageFactory.Entry(after, "buildTransitive/bitlocal.toolkit.targets"));
        Assert.Equal(
            before.Where(n => n != "buildTransitive/Acme.Toolkit.targets").Order(),
            LocalPackageFactory.EntryNames(after).Where(n => n != "buildTransitive/bitlocal.toolkit.targets").Order());
        Assert.Empty(BuildLogicFiles.RenameInPackage(path, "Acme.Toolkit", "bitlocal.toolkit"));
    }

    [Fact]
    public void Export_renames_them_after_the_scope_id()
    {
        var local = LocalPackageFactory.WithEntry(LocalPackageFactory.Create("toolkit", "1.0.0", new Dictionary<string, string>()), "build/bitlocal.toolkit.targets", "<Project />"u8.ToArray());
        using var output = new MemoryStream();
        PackageRewriter.Rewrite(new MemoryStream(local), output, "acme.libs", "acme.libs.toolkit", new Dictionary<string, DependencyTarget>());

        var names = LocalPackageFactory.EntryNames(output.ToArray());
        Assert.Contains("build/acme.libs.toolkit.targets", names);
        Assert.DoesNotContain("build/bitlocal.toolkit.targets", names);
        Assert.Equal("<Project />"u8.ToArray(), LocalPackageFactory.Entry(output.ToArray(), "build/acme.libs.toolkit.targets"));
        using var zip = new ZipArchive(new MemoryStream(output.ToArray()));
        Assert.Equal(names.Count, zip.Entries.Count);
    }
}
