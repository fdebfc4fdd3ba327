using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Packages;
using BitBuild.Engine.State;
using NuGet.Versioning;

namespace BitBuild.Engine.Export;

/// <summary>
/// Proves a local package holds exactly the tagged sources before it leaves the workspace: the content hash recomputed
/// over its <c>bit/src/</c> entries must equal both the hash in its <c>bit/component.json</c> and the hash .bitmap recorded
/// at tag time. Anything else (edited by hand, a damaged file, a package of another version) is BIT3007 and is never sent.
/// Before that, the archive as a whole must pass <see cref="PackageArchiveCheck"/> (safe entry names, honest sizes, within
/// the limits, only the parts tag writes), else it is BIT3020.
/// </summary>
public static class LocalPackageVerifier
{
    public static ComponentManifest Verify(string nupkgPath, string componentId, TaggedVersion tagged)
    {
        try
        {
            return Verify(File.ReadAllBytes(nupkgPath), nupkgPath, componentId, tagged);
        }
        catch (IOException ex)
        {
            throw Corrupt(nupkgPath, componentId, tagged, $"it cannot be read ({ex.Message})");
        }
    }

    /// <summary>Verifies a package already read into memory (<paramref name="nupkgPath"/> names it in messages).</summary>
    public static ComponentManifest Verify(byte[] package, string nupkgPath, string componentId, TaggedVersion tagged)
    {
        // One pass over the archive checks it as a whole and inflates the manifest and the sources for the hash.
        var kept = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (PackageArchiveCheck.FindProblem(package, PackageIds.Local(componentId) + ".nuspec", IsManifestOrSource, kept) is { } problem)
        {
            throw new BitException(
                DiagnosticCodes.LocalPackageEntryRefused,
                $"The local package of {componentId} {tagged.Version} ({nupkgPath}) is refused: " +
                (problem.Entry is null ? problem.Reason : $"entry '{problem.Entry}': {problem.Reason}") + ". " +
                "Nothing was sent. Delete that file and run the export again: BitBuild rebuilds it from the sources when they still match the tag.",
                nupkgPath);
        }

        if (!kept.TryGetValue(ComponentManifest.PathInPackage, out var manifestJson))
        {
            throw Corrupt(nupkgPath, componentId, tagged, $"it has no {ComponentManifest.PathInPackage}");
        }

        ComponentManifest manifest;
        try
        {
            manifest = ComponentManifest.FromJson(manifestJson);
        }
        catch (JsonException ex)
        {
            throw Corrupt(nupkgPath, componentId, tagged, $"its {ComponentManifest.PathInPackage} cannot be read ({ex.Message})");
        }

        var actual = ContentHash.Of(kept
            .Where(e => e.Key.StartsWith(ComponentManifest.SourcesFolderInPackage, StringComparison.Ordinal) && !e.Key.EndsWith('/'))
            .Select(e => (Uri.UnescapeDataString(e.Key[ComponentManifest.SourcesFolderInPackage.Length..]), (Func<Stream>)(() => new MemoryStream(e.Value, writable: false)))));

        if (manifest.Id != componentId || NuGetVersion.Parse(manifest.Version) != NuGetVersion.Parse(tagged.Version))
        {
            throw Corrupt(nupkgPath, componentId, tagged, $"it is {manifest.Id} {manifest.Version}");
        }

        if (actual != manifest.Hash || actual != tagged.Hash)
        {
            throw Corrupt(
                nupkgPath,
                componentId,
                tagged,
                $"its sources hash to {actual}, but its manifest says {manifest.Hash} and .bitmap recorded {tagged.Hash}");
        }

        // Packages made since the outside inputs travel: they are the ones .bitmap recorded, and the files hash to them.
        if (manifest.Inputs is { } inputs)
        {
            if (tagged.Inputs is null || !inputs.OrderBy(i => i.Key, StringComparer.Ordinal).SequenceEqual(tagged.Inputs))
            {
                throw Corrupt(nupkgPath, componentId, tagged, "its manifest lists other build inputs than .bitmap recorded");
            }

            var files = kept
                .Where(e => e.Key.StartsWith(ComponentManifest.WorkspaceFolderInPackage, StringComparison.Ordinal) && !e.Key.EndsWith('/'))
                .ToDictionary(e => Uri.UnescapeDataString(e.Key[ComponentManifest.WorkspaceFolderInPackage.Length..]), e => (Func<Stream>)(() => new MemoryStream(e.Value, writable: false)), StringComparer.Ordinal);
            if (BuildInputs.Mismatches(inputs, files) is { Count: > 0 } mismatches)
            {
                throw Corrupt(nupkgPath, componentId, tagged, $"the build inputs it carries do not hash to what .bitmap recorded ({string.Join(", ", mismatches)})");
            }
        }

        return manifest;
    }

    private static bool IsManifestOrSource(string entryName) =>
        entryName == ComponentManifest.PathInPackage
        || entryName.StartsWith(ComponentManifest.SourcesFolderInPackage, StringComparison.Ordinal)
        || entryName.StartsWith(ComponentManifest.WorkspaceFolderInPackage, StringComparison.Ordinal);

    private static BitException Corrupt(string path, string componentId, TaggedVersion tagged, string what) =>
        new(DiagnosticCodes.LocalPackageCorrupt,
            $"The local package of {componentId} {tagged.Version} ({path}) does not hold the tagged sources: {what}. It was not sent. " +
            "Delete that file and run the export again: BitBuild rebuilds it from the sources when they still match the tag.",
            path);
}
