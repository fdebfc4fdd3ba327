using System.IO.Compression;
using System.Text.Json;
using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Scopes;

/// <summary>Reads <c>bit/component.json</c> out of a package (a file or a downloaded stream); null when it has none or it does not parse.</summary>
internal static class PackageManifestReader
{
    public static ComponentManifest? TryRead(Stream nupkg)
    {
        try
        {
            using var zip = new ZipArchive(nupkg, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(ComponentManifest.PathInPackage);
            if (entry is null)
            {
                return null;
            }

            using var stream = entry.Open();
            return ComponentManifest.FromJson(stream);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ComponentManifest? TryRead(string nupkgPath)
    {
        using var stream = File.OpenRead(nupkgPath);
        return TryRead(stream);
    }
}
