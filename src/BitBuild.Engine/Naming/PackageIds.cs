using BitBuild.Engine.Diagnostics;
using NuGet.Packaging;

namespace BitBuild.Engine.Naming;

/// <summary>How component ids become NuGet package ids.</summary>
public static class PackageIds
{
    /// <summary>
    /// The id a component's package has in the local scope (.bit/). It belongs to no remote scope; export rewrites it
    /// to <see cref="InScope"/> without rebuilding.
    /// </summary>
    public const string LocalPrefix = "bitlocal";

    public static string Local(string componentId) => LocalPrefix + "." + componentId.Replace('/', '.');

    /// <summary><c>{scope}.{id with / as .}</c>, e.g. <c>user.my-collection.hello.world</c>, checked against NuGet's id rules.</summary>
    /// <param name="where">Where the scope and id were declared together, for the message (e.g. the BitComponent item).</param>
    /// <param name="usageError">The names were typed on the command line: a bad combination is a usage error (exit code 2).</param>
    public static string InScope(string scope, string componentId, string? where = null, string? file = null, bool usageError = false)
    {
        var id = scope + "." + componentId.Replace('/', '.');
        if (!PackageIdValidator.IsValidPackageId(id) || id.Length > PackageIdValidator.MaxPackageIdLength)
        {
            throw new BitException(
                DiagnosticCodes.InvalidPackageId,
                $"Component {componentId} in scope {scope}{(where is null ? "" : $" ({where})")} would get the package id {NameText.Quote(id)}, which NuGet does not accept " +
                $"(at most {PackageIdValidator.MaxPackageIdLength} characters; letters, digits, '.', '-', '_'; no '..' or '-.' runs). " +
                "Choose a shorter scope or component id.",
                file) { IsUsageError = usageError };
        }

        return id;
    }

    /// <summary>The file name NuGet gives a package: lower-cased id and normalized version.</summary>
    public static string FileName(string packageId, string normalizedVersion) => $"{packageId}.{normalizedVersion}.nupkg".ToLowerInvariant();
}
