using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary><c>dotnet bit init --msbuild</c> sets up the BitBuild package so the targets work in every project.</summary>
[Collection(PackageCollection.Name)]
public class InitMsBuildTests
{
    [Fact]
    public void Init_with_msbuild_references_the_package_and_the_targets_run()
    {
        using var ws = new PackageWorkspace("initmsbuild", init: false);
        ws.Write("Directory.Build.props", "<Project>\n</Project>\n");
        var init = ws.Bit("init", "--default-scope", "user.my-collection", "--msbuild");
        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        var props = ws.Read("Directory.Build.props");
        Assert.Contains($"<PackageReference Include=\"BitBuild\" Version=\"{TestPaths.BitBuildVersion}\" PrivateAssets=\"all\" />", props);
        Assert.Contains("BitWorkspace.props", props);

        ws.AddLibrary("src/utils/string", "Utils.String");
        Assert.Equal(0, ws.Bit("add", "src/utils/string").ExitCode);
        var run = ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus").ShouldSucceed();
        run.Check(run.Output.Contains("utils/string", StringComparison.Ordinal), "BitStatus does not list utils/string");

        // Running it again changes nothing.
        var again = ws.Bit("init", "--msbuild");
        Assert.Contains("nothing changed", again.StandardOutput);
        Assert.Equal(props, ws.Read("Directory.Build.props"));
    }

    [Fact]
    public void Init_with_msbuild_under_central_package_management_uses_a_global_package_reference()
    {
        using var ws = new PackageWorkspace("initcpm", init: false);
        ws.Write("Directory.Build.props", "<Project>\n</Project>\n");
        ws.Write("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        var init = ws.Bit("init", "--msbuild");
        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        Assert.Contains($"<GlobalPackageReference Include=\"BitBuild\" Version=\"{TestPaths.BitBuildVersion}\" />", ws.Read("Directory.Packages.props"));
        Assert.DoesNotContain("PackageReference", ws.Read("Directory.Build.props"));

        ws.AddLibrary("src/utils/string", "Utils.String");
        Assert.Equal(0, ws.Bit("add", "src/utils/string").ExitCode);
        ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus").ShouldSucceed();
    }

    /// <summary>
    /// Central package management switched on in Directory.Build.props, the versions in Directory.Packages.props (which
    /// does not say it manages them): the projects' evaluation says it is on, so the reference is a
    /// GlobalPackageReference in Directory.Packages.props (a versioned PackageReference would fail restore with NU1008).
    /// </summary>
    [Fact]
    public void Init_with_msbuild_finds_central_package_management_switched_on_in_Directory_Build_props()
    {
        using var ws = new PackageWorkspace("initcpmprops", init: false);
        ws.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        ws.Write("Directory.Packages.props", "<Project>\n  <ItemGroup>\n  </ItemGroup>\n</Project>\n");
        ws.AddLibrary("src/utils/string", "Utils.String");

        var init = ws.Bit("init", "--msbuild");

        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        Assert.Contains($"<GlobalPackageReference Include=\"BitBuild\" Version=\"{TestPaths.BitBuildVersion}\" />", ws.Read("Directory.Packages.props"));
        Assert.DoesNotContain("PackageReference", ws.Read("Directory.Build.props"));
        Assert.Equal(0, ws.Bit("add", "src/utils/string").ExitCode);
        ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus").ShouldSucceed();
    }
}
