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
    public static string InScope(string scope, string componentId)
    {
        var id = scope + "." + componentId.Replace('/', '.');
        if (!PackageIdValidator.IsValidPackageId(id) || id.Length > PackageIdValidator.MaxPackageIdLength)
        {
            throw new BitException(
                DiagnosticCodes.InvalidPackageId,
                $"Component {componentId} in scope {scope} would get the package id '{id}', which NuGet does not accept " +
                $"(at most {PackageIdValidator.MaxPackageIdLength} characters; letters, digits, '.', '-', '_'; no '..' or '-.' runs). " +
                "Choose a shorter scope or component id.");
        }

        return id;
    }

    /// <summary>The file name NuGet gives a package: lower-cased id and normalized version.</summary>
    public static string FileName(string packageId, string normalizedVersion) => $"{packageId}.{normalizedVersion}.nupkg".ToLowerInvariant();
}
