using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// The package id a component's project packs under in its repository (its <c>PackageId</c>, else its assembly name),
/// which tag replaces by the local <c>bitlocal.*</c> id. The package's build logic files are named after it (NuGet
/// imports only <c>build/{id}.targets</c> and the like), so after pack they are renamed after the local id
/// (<see cref="BuildLogicFiles"/>). Pack itself would warn NU5129 about them, as it checks the names against the id it
/// is given; the warning is suppressed in tag's pack because the package it describes is never the one kept.
/// </summary>
internal static class RepositoryPackageId
{
    /// <summary>The properties, set before tag's generated targets replace <c>PackageId</c>, that keep the repository's id.</summary>
    public static string Properties(string recordFile, Func<string, string> escape) => $"""
            <_BitRepositoryPackageId Condition="'$(_BitRepositoryPackageId)' == ''">$(PackageId)</_BitRepositoryPackageId>
            <_BitRepositoryPackageId Condition="'$(_BitRepositoryPackageId)' == ''">$(AssemblyName)</_BitRepositoryPackageId>
            <_BitRepositoryPackageId Condition="'$(_BitRepositoryPackageId)' == ''">$(MSBuildProjectName)</_BitRepositoryPackageId>
            <_BitRepositoryPackageIdFile>{escape(recordFile)}</_BitRepositoryPackageIdFile>

        """;

    /// <summary>The target that writes the repository's id to <c>$(_BitRepositoryPackageIdFile)</c> in the build that packs.</summary>
    public const string RecordTarget = """
          <Target Name="BitRecordRepositoryPackageId" BeforeTargets="GenerateNuspec" Condition="'$(_BitRepositoryPackageIdFile)' != ''">
            <WriteLinesToFile File="$(_BitRepositoryPackageIdFile)" Lines="$(_BitRepositoryPackageId)" Overwrite="true" />
          </Target>

        """;

    /// <summary>Where a component's project records its repository id during tag's pack.</summary>
    public static string RecordFile(string workFolder, string componentId) => Path.Combine(workFolder, "packed", componentId.Replace('/', '.') + ".package-id");

    /// <summary>Renames the build logic files of a freshly packed local package that are named after the repository's id.</summary>
    public static void RenameBuildLogic(string workFolder, string componentId, string nupkgPath, string localPackageId)
    {
        var record = RecordFile(workFolder, componentId);
        if (!File.Exists(record) || File.ReadAllText(record).Trim() is not { Length: > 0 } repositoryId)
        {
            return;
        }

        BuildLogicFiles.RenameInPackage(nupkgPath, repositoryId, localPackageId);
    }
}
