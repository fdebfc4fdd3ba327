using NuGet.Versioning;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// The MSBuild that makes the tagged version win over whatever else in a repository sets one, in the targets file tag
/// hands to pack (imported after Directory.Build.targets and the packages' own targets, see <see cref="ComponentPacker"/>).
///
/// Evaluation: each component's project gets the tagged version as <c>Version</c>/<c>PackageVersion</c>, which beats a
/// static version in Directory.Build.props/.targets or the project. Execution: versioning packages set the version in
/// targets, so the same properties are set again right after each of them (MinVer's <c>MinVer</c>, Nerdbank.GitVersioning's
/// <c>GetBuildVersion</c>, GitVersion.MsBuild's <c>GetVersion</c>), and once more right before the SDK, NuGet's pack and
/// Nerdbank.GitVersioning read them, for targets of the repository's own. GitVersion.MsBuild writes the assembly's version
/// attributes from its own JSON rather than from properties, so its <c>UpdateAssemblyInfo</c> is switched off and the SDK
/// writes them; its <c>GitVersionInformation</c> class, which code may use, is left alone.
///
/// AssemblyVersion policy: a repository that sets <c>AssemblyVersion</c> itself (statically, e.g. pinned to the major
/// version for strong-name binding) keeps it; otherwise it is <c>major.minor.patch.0</c> of the tagged version, as the SDK
/// derives it. <c>FileVersion</c> is always <c>major.minor.patch.0</c>, <c>InformationalVersion</c> the tagged version.
/// </summary>
internal static class TaggedVersionTargets
{
    /// <summary>The properties one component's project gets at evaluation (inside its PropertyGroup).</summary>
    public static string ProjectProperties(string version, Func<string, string> escape)
    {
        var parsed = NuGetVersion.Parse(version);
        var numeric = $"{parsed.Major}.{parsed.Minor}.{parsed.Patch}.0";
        return $"""
                <_BitTaggedVersion>{escape(version)}</_BitTaggedVersion>
                <_BitTaggedNumericVersion>{numeric}</_BitTaggedNumericVersion>
                <_BitRepositoryAssemblyVersion>$(AssemblyVersion)</_BitRepositoryAssemblyVersion>
                <Version>{escape(version)}</Version>
                <PackageVersion>{escape(version)}</PackageVersion>
                <GenerateAssemblyInfo Condition="'$(UpdateAssemblyInfo)' == 'true'">true</GenerateAssemblyInfo>
                <UpdateAssemblyInfo Condition="'$(UpdateAssemblyInfo)' == 'true'">false</UpdateAssemblyInfo>

            """;
    }

    /// <summary>
    /// The two targets, once per file; they act only in projects that got <see cref="ProjectProperties"/>. Each target runs
    /// once per project, hence two of them with the same body (a CallTarget'ed target would run only the first time).
    /// </summary>
    public static string Targets =>
        Target("BitUseTaggedVersionAfterVersioning", $"AfterTargets=\"{string.Join(';', VersioningPackageTargets)}\"") +
        Target("BitUseTaggedVersionBeforeUse", "BeforeTargets=\"GetAssemblyVersion;GetAssemblyAttributes;GenerateAssemblyNBGVVersionInfo;_GetProjectVersion;GenerateNuspec;CoreCompile\"") +
        CheckTargets;

    /// <summary>The versioning packages' targets that set the version (MinVer, Nerdbank.GitVersioning, GitVersion.MsBuild), each countered right after it ran.</summary>
    public static IReadOnlyList<string> VersioningPackageTargets { get; } = ["MinVer", "GetBuildVersion", "GetVersion"];

    /// <summary>The code and the shape of the error the check targets write, which <see cref="VersionOverrideReport"/> reads back.</summary>
    public const string OverrideErrorPattern = @"error BIT2011: (?<property>\w+) of (?<project>.+?) is '(?<value>.*?)' instead of '(?<expected>.*?)'";

    /// <summary>
    /// Before a project builds anything (before BeforeBuild, the first step of Build: a hook before CoreBuild would run only
    /// after CoreBuild's dependencies, the compile among them), the targets
    /// that compute its version are run and the result compared with the tagged version: something that still overrides
    /// it (a target of the repository's hooked after BitBuild's) fails the tag in seconds rather than after the build.
    /// A multi-targeting project is checked in its outer build too, where pack reads the package version.
    /// </summary>
    private const string CheckTargets = """
          <Target Name="BitCheckTaggedVersion" BeforeTargets="BeforeBuild" DependsOnTargets="GetAssemblyVersion;_GetProjectVersion"
                  Condition="'$(_BitTaggedVersion)' != '' and '$(IsCrossTargetingBuild)' != 'true'">
            <PropertyGroup>
              <_BitExpectedAssemblyVersion>$(_BitRepositoryAssemblyVersion)</_BitExpectedAssemblyVersion>
              <_BitExpectedAssemblyVersion Condition="'$(_BitRepositoryAssemblyVersion)' == ''">$(_BitTaggedNumericVersion)</_BitExpectedAssemblyVersion>
            </PropertyGroup>
            <Error Code="BIT2011" Condition="'$(PackageVersion)' != '$(_BitTaggedVersion)'" Text="PackageVersion of $(MSBuildProjectFullPath) is '$(PackageVersion)' instead of '$(_BitTaggedVersion)'" />
            <Error Code="BIT2011" Condition="'$(Version)' != '$(_BitTaggedVersion)'" Text="Version of $(MSBuildProjectFullPath) is '$(Version)' instead of '$(_BitTaggedVersion)'" />
            <Error Code="BIT2011" Condition="'$(AssemblyVersion)' != '$(_BitExpectedAssemblyVersion)'" Text="AssemblyVersion of $(MSBuildProjectFullPath) is '$(AssemblyVersion)' instead of '$(_BitExpectedAssemblyVersion)'" />
            <Error Code="BIT2011" Condition="'$(FileVersion)' != '$(_BitTaggedNumericVersion)'" Text="FileVersion of $(MSBuildProjectFullPath) is '$(FileVersion)' instead of '$(_BitTaggedNumericVersion)'" />
          </Target>
          <Target Name="BitCheckTaggedPackageVersion" BeforeTargets="DispatchToInnerBuilds" DependsOnTargets="_GetProjectVersion"
                  Condition="'$(_BitTaggedVersion)' != '' and '$(IsCrossTargetingBuild)' == 'true'">
            <Error Code="BIT2011" Condition="'$(PackageVersion)' != '$(_BitTaggedVersion)'" Text="PackageVersion of $(MSBuildProjectFullPath) is '$(PackageVersion)' instead of '$(_BitTaggedVersion)'" />
          </Target>

        """;

    private static string Target(string name, string hook) => $"""
          <Target Name="{name}" {hook} Condition="'$(_BitTaggedVersion)' != ''">
            <PropertyGroup>
              <Version>$(_BitTaggedVersion)</Version>
              <PackageVersion>$(_BitTaggedVersion)</PackageVersion>
              <AssemblyVersion>$(_BitRepositoryAssemblyVersion)</AssemblyVersion>
              <AssemblyVersion Condition="'$(_BitRepositoryAssemblyVersion)' == ''">$(_BitTaggedNumericVersion)</AssemblyVersion>
              <FileVersion>$(_BitTaggedNumericVersion)</FileVersion>
              <InformationalVersion>$(_BitTaggedVersion)</InformationalVersion>
              <!-- Nerdbank.GitVersioning's names for the same, which its generated version file and ThisAssembly class use. -->
              <NuGetPackageVersion>$(_BitTaggedVersion)</NuGetPackageVersion>
              <AssemblyFileVersion>$(_BitTaggedNumericVersion)</AssemblyFileVersion>
              <AssemblyInformationalVersion>$(_BitTaggedVersion)</AssemblyInformationalVersion>
            </PropertyGroup>
          </Target>

        """;
}
