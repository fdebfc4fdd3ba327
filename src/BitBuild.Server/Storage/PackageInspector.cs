using System.Security.Cryptography;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Packages;
using NuGet.Packaging;
using NuGet.Versioning;

namespace BitBuild.Server.Storage;

/// <summary>An uploaded package after inspection: its identity, catalog entry and meta, all validated.</summary>
public sealed record InspectedPackage(CatalogEntry Entry, PackageMeta Meta, string FilePath);

/// <summary>Opens an uploaded .nupkg and checks what the server relies on: a readable nuspec, a valid id and version, a parsable manifest.</summary>
public static class PackageInspector
{
    public static InspectedPackage Inspect(string nupkgPath, string scope)
    {
        try
        {
            using var reader = new PackageArchiveReader(nupkgPath);
            var nuspec = reader.NuspecReader;
            var id = nuspec.GetId();
            if (!PackageNames.IsValidId(id))
            {
                throw Invalid($"the package id '{id}' is not valid (ASCII letters, digits, '_', '-' and '.', at most {PackageNames.MaxIdLength} characters)");
            }

            if (!PackageNames.BelongsToScope(id, scope))
            {
                throw new ServerException(400, DiagnosticCodes.ServerPackageNotInScope,
                    $"package {id} does not belong to scope {scope}: package ids in this scope must start with '{scope}.'");
            }

            NuGetVersion version = nuspec.GetVersion();
            var lowerVersion = PackageNames.LowerNormalizedVersion(version.ToFullString())
                ?? throw Invalid($"package {id} has the version '{version}', which the server does not accept");

            ComponentManifest? manifest = null;
            string? manifestHash = null;
            var manifestFile = reader.GetFiles().FirstOrDefault(f => string.Equals(f, ComponentManifest.PathInPackage, StringComparison.Ordinal));
            if (manifestFile is not null)
            {
                byte[] bytes;
                using (var stream = reader.GetStream(manifestFile))
                using (var memory = new MemoryStream())
                {
                    stream.CopyTo(memory);
                    bytes = memory.ToArray();
                }

                manifestHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
                try
                {
                    manifest = ComponentManifest.FromJson(bytes);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw Invalid($"package {id} {version}: {ComponentManifest.PathInPackage} is not valid JSON ({ex.Message})");
                }

                if (!string.Equals(manifest.PackageId, id, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid($"package {id} {version}: {ComponentManifest.PathInPackage} names the package '{manifest.PackageId}'");
                }
            }

            var groups = nuspec.GetDependencyGroups()
                .Select(g => new DependencyGroupMeta(
                    g.TargetFramework.IsAny ? null : g.TargetFramework.GetShortFolderName(),
                    g.Packages.Select(p => new DependencyMeta(p.Id, p.VersionRange.ToNormalizedString())).ToList()))
                .ToList();
            var meta = new PackageMeta
            {
                Id = id,
                Version = version.ToFullString(),
                Description = nuspec.GetDescription(),
                Authors = nuspec.GetAuthors(),
                PackageTypes = nuspec.GetPackageTypes().Select(t => t.Name).ToList(),
                DependencyGroups = groups,
                Manifest = manifest,
                ManifestHash = manifestHash,
                Size = new FileInfo(nupkgPath).Length,
            };
            var entry = new CatalogEntry
            {
                Id = id,
                Version = version.ToFullString(),
                LowerVersion = lowerVersion,
                IsPrerelease = version.IsPrerelease,
                IsSemVer2 = version.IsSemVer2,
                ManifestHash = manifestHash,
                ComponentId = manifest?.Id,
                Published = DateTimeOffset.UtcNow,
            };
            return new InspectedPackage(entry, meta, nupkgPath);
        }
        catch (ServerException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or NuGet.Packaging.Core.PackagingException or IOException or System.Xml.XmlException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw Invalid($"the upload is not a valid .nupkg ({ex.Message})");
        }
    }

    private static ServerException Invalid(string message) => new(400, DiagnosticCodes.ServerInvalidPackage, message);
}
