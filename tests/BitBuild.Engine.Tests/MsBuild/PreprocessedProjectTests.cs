using BitBuild.Engine.MsBuild;

namespace BitBuild.Engine.Tests.MsBuild;

public sealed class PreprocessedProjectTests
{
    /// <summary>The shape 'dotnet msbuild -pp' writes: each import's file in a banner comment, the importing file's again where it resumes.</summary>
    private const string Preprocessed = """
        <?xml version="1.0" encoding="utf-8"?>
        <!--
        ============================================================================================================================================
        /repo/src/core/Core.csproj
        ============================================================================================================================================
        -->
        <Project DefaultTargets="Build">
          <PropertyGroup>
            <Version>1.0.0</Version>
          </PropertyGroup>
          <!--
        ============================================================================================================================================
          <Import Project="$(DirectoryBuildTargetsPath)" Condition="exists('$(DirectoryBuildTargetsPath)')">

        /repo/Directory.Build.targets
        ============================================================================================================================================
        -->
          <Target Name="StampLate" AfterTargets="GetAssemblyVersion">
            <PropertyGroup>
              <PackageVersion>7.7.7</PackageVersion>
              <Other>x</Other>
            </PropertyGroup>
          </Target>
          <!--
        ============================================================================================================================================
          </Import>

        /usr/share/dotnet/sdk/10.0.100/Microsoft.Common.targets
        ============================================================================================================================================
        -->
          <Target Name="SdkTarget">
            <PropertyGroup Condition="'$(PackageVersion)' == ''">
              <PackageVersion>$(Version)</PackageVersion>
            </PropertyGroup>
          </Target>
          <!-- an ordinary comment naming /not/a/banner -->
          <PropertyGroup>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public void Each_setter_is_named_by_the_file_it_comes_from_and_its_target()
    {
        var setters = PreprocessedProject.FindSetters(Preprocessed, ["PackageVersion", "Version", "IsPackable"]);

        Assert.Equal(
            [
                new PropertySetter("/repo/src/core/Core.csproj", null, "Version", "1.0.0"),
                new PropertySetter("/repo/Directory.Build.targets", "StampLate", "PackageVersion", "7.7.7"),
                new PropertySetter("/usr/share/dotnet/sdk/10.0.100/Microsoft.Common.targets", "SdkTarget", "PackageVersion", "$(Version)"),
                new PropertySetter("/usr/share/dotnet/sdk/10.0.100/Microsoft.Common.targets", null, "IsPackable", "false"),
            ],
            setters);
    }

    [Fact]
    public void Properties_not_asked_for_and_items_are_left_out()
    {
        var setters = PreprocessedProject.FindSetters(Preprocessed, ["Other"]);

        var only = Assert.Single(setters);
        Assert.Equal(("/repo/Directory.Build.targets", "StampLate", "x"), (only.File, only.Target, only.Value));
    }
}
