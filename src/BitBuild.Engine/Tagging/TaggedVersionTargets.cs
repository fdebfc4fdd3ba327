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
    public static string Targets { get; } =
        Target("BitUseTaggedVersionAfterVersioning", "AfterTargets=\"MinVer;GetBuildVersion;GetVersion\"") +
        Target("BitUseTaggedVersionBeforeUse", "BeforeTargets=\"GetAssemblyVersion;GetAssemblyAttributes;GenerateAssemblyNBGVVersionInfo;GetPackageVersion;_GetProjectVersion;GenerateNuspec;CoreCompile\"");

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
