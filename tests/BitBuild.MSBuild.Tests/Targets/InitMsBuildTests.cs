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

    /// <summary>
    /// A repository with package source mapping where no pattern maps BitBuild: restore would refuse it (NU1100). Init
    /// maps it to the configured source that has the package, adding only that line to NuGet.Config, and restore works.
    /// </summary>
    [Fact]
    public void Init_with_msbuild_maps_the_BitBuild_package_to_the_source_that_has_it()
    {
        using var ws = new PackageWorkspace("initmapping", init: false);
        var config = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bitbuild-local" value="{TestPaths.PackageFeed}" />
                <add key="team" value="{ws.PathOf("team-feed")}" />
              </packageSources>
              <packageSourceMapping>
                <!-- everything from the team's feed -->
                <packageSource key="team">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>

            """;
        ws.Write("NuGet.Config", config);
        Directory.CreateDirectory(ws.PathOf("team-feed"));
        ws.Write("Directory.Build.props", "<Project>\n</Project>\n");
        ws.AddLibrary("src/utils/string", "Utils.String");

        var init = ws.Bit("init", "--msbuild");

        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        Assert.Contains("NuGet.Config", init.StandardOutput);
        var mapped = ws.Read("NuGet.Config");
        var added = "    <packageSource key=\"bitbuild-local\">\n      <package pattern=\"BitBuild\" />\n    </packageSource>\n";
        Assert.Contains(added, mapped);
        Assert.Equal(config, mapped.Replace(added, "", StringComparison.Ordinal));
        Assert.Equal(0, ws.Bit("add", "src/utils/string").ExitCode);
        ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus").ShouldSucceed();
    }
}
