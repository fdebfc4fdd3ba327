using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Packages;
using NuGet.Packaging;
using NuGet.Versioning;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// A folder scope in NuGet's v3 layout, the files NuGet's <c>OfflineFeedUtility.AddPackageToSource</c> writes with
/// <c>PackageSaveMode.Nupkg | Nuspec</c>: <c>{lowerid}/{lowerversion}/</c> holding the .nupkg, its .sha512 (base64 SHA-512),
/// the .nuspec and .nupkg.metadata, at the paths NuGet's <see cref="VersionFolderPathResolver"/> gives, with the metadata
/// written by NuGet's <see cref="NupkgMetadataFileFormat"/>; <c>dotnet restore</c> reads it directly (a unit test checks the
/// result equals OfflineFeedUtility's file for file). Why not call OfflineFeedUtility: it re-reads and re-validates each
/// package under a machine-wide file lock, which made exporting 300 packages four times slower than <c>dotnet nuget push</c>;
/// the package was just written by us and verified. Not PackageUpdateResource: on an empty folder it writes the v2 flat
/// layout and overwrites silently.
/// Staging: each package's version folder is written as <c>.bit-staging-{export}/{id}@{version}/</c> inside the scope (in
/// parallel; restore does not look there: the name is no package id it is asked for), and publishing moves that folder into place
/// with one rename, so a package appears whole or not at all, in the order the caller publishes.
/// A missing scope folder is created when its parent exists (a typo in a deep path then fails loudly: BIT3011);
/// a folder that cannot be written to, or a path that is a file, is BIT3012.
/// </summary>
public sealed class FolderScopeFeed : IScopeFeed
{
    private const string StagingPrefix = ".bit-staging-";
    private const string WriteCheckPrefix = ".bit-write-check-";
    private readonly ResolvedScope scope;
    private readonly VersionFolderPathResolver paths;
    private readonly Lazy<string> staging;

    /// <summary>True when staging created the scope folder: a failed export then removes it again, leaving nothing behind.</summary>
    private bool createdRoot;

    public FolderScopeFeed(ResolvedScope scope)
    {
        this.scope = scope;
        paths = new VersionFolderPathResolver(scope.Location, isLowercase: true);
        staging = new Lazy<string>(CreateStaging, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ResolvedScope Scope => scope;

    private string Root => scope.Location;

    public Task CheckWritableAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Root))
        {
            throw NotWritable($"{Root} is a file, not a folder");
        }

        if (!Directory.Exists(Root))
        {
            var parent = Path.GetDirectoryName(Root);
            if (parent is null || !Directory.Exists(parent))
            {
                throw new BitException(
                    DiagnosticCodes.ScopeFolderMissing,
                    $"The folder of scope {scope.Name} ({Root}) does not exist, and neither does its parent folder, so BitBuild will not create it " +
                    "(a missing parent usually means a typo or an unmounted drive). Create the folder, or point the remote at the right place with " +
                    $"'dotnet bit remote remove {scope.Name}' and 'dotnet bit remote add {scope.Name} <folder>'.");
            }

            return Task.CompletedTask; // created by the first push
        }

        var probe = Path.Combine(Root, OwnedTempName.Create(WriteCheckPrefix));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"writing to {Root} failed: {ex.Message}");
        }

        // Every export checks its scopes first, also when it has nothing to send there: the place to clean up after killed ones.
        RemoveAbandonedStaging();
        return Task.CompletedTask;
    }

    private BitException NotWritable(string what) =>
        new(DiagnosticCodes.ScopeFolderNotWritable,
            $"Cannot export to scope {scope.Name}: {what}. Give this user write access to the folder, or point the remote at a folder it can write.");

    public Task<ScopePackage?> FindAsync(string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        var file = paths.GetPackageFilePath(packageId, version);
        if (!File.Exists(file))
        {
            return Task.FromResult<ScopePackage?>(null);
        }

        return Task.FromResult<ScopePackage?>(ScopePackage.From(packageId, version, PackageManifestReader.TryRead(file)));
    }

    public async Task<PushOutcome> PushAsync(string nupkgPath, string packageId, NuGetVersion version, CancellationToken cancellationToken) =>
        await PublishAsync(await StageAsync(File.ReadAllBytes(nupkgPath), null, packageId, version, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public Task<StagedPackage> StageAsync(byte[] bytes, byte[]? symbols, string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        try
        {
            // One folder per package right under the staging folder ('@' is in no package id or version), holding the files
            // of its version folder under their final names: publishing is then one rename.
            var folder = Path.Combine(staging.Value, $"{packageId}@{version.ToNormalizedString()}".ToLowerInvariant());
            Directory.CreateDirectory(folder);
            WriteNew(folder, paths.GetPackageFileName(packageId, version), bytes);
            if (symbols is not null)
            {
                // Next to its package, named as Pack names it: where 'dotnet nuget push' of a folder feed's file finds it too.
                WriteNew(folder, Path.ChangeExtension(paths.GetPackageFileName(packageId, version), ".snupkg"), symbols);
            }

            var hash = Convert.ToBase64String(SHA512.HashData(bytes));
            WriteNew(folder, paths.GetHashFileName(packageId, version), Encoding.UTF8.GetBytes(hash));
            WriteNew(folder, paths.GetManifestFileName(packageId, version), NuspecOf(bytes, packageId, version));
            using (var metadata = new MemoryStream())
            {
                // NuGet's own format writer, into memory: its file overload goes through a temp file and a move per package.
                NupkgMetadataFileFormat.Write(metadata, new NupkgMetadataFile { ContentHash = hash, Source = Root });
                WriteNew(folder, Path.GetFileName(paths.GetNupkgMetadataPath(packageId, version)), metadata.ToArray());
            }

            return Task.FromResult(new StagedPackage([], packageId, version, folder));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"writing {packageId} {version} to {Root} failed: {ex.Message}");
        }
    }

    /// <summary>
    /// Writes a file that cannot exist yet (the staging folder is this export's own). A plain handle, not a FileStream:
    /// no buffer and no advisory lock, which is most of the cost of the ~1,200 small files of a large export.
    /// </summary>
    private static void WriteNew(string folder, string fileName, ReadOnlySpan<byte> content)
    {
        using var handle = File.OpenHandle(Path.Combine(folder, fileName), FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(handle, content, 0);
    }

    private byte[] NuspecOf(byte[] nupkg, string packageId, NuGetVersion version)
    {
        // The export's rewrite stores the nuspec uncompressed: take its bytes as they are, without opening the archive.
        var stored = StoredZipArchive.TryRead(nupkg)?.FirstOrDefault(e => !e.Name.Contains('/') && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        if (stored?.UncompressedContent is { } content)
        {
            return content.ToArray();
        }

        using var zip = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read);
        var entry = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new BitException(DiagnosticCodes.PushFailed, $"The package {packageId} {version} for scope {scope.Name} has no .nuspec.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public Task<PushOutcome> PublishAsync(StagedPackage staged, CancellationToken cancellationToken)
    {
        var target = paths.GetInstallPath(staged.PackageId, staged.Version);
        if (File.Exists(paths.GetPackageFilePath(staged.PackageId, staged.Version)))
        {
            return Task.FromResult(PushOutcome.AlreadyExists);
        }

        try
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // a version folder without its .nupkg is debris, not a package
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(staged.StagedFolder!, target);
            return Task.FromResult(PushOutcome.Pushed);
        }
        catch (IOException) when (File.Exists(paths.GetPackageFilePath(staged.PackageId, staged.Version)))
        {
            return Task.FromResult(PushOutcome.AlreadyExists); // another exporter won the race
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"moving {staged.PackageId} {staged.Version} into {Root} failed: {ex.Message}");
        }
    }

    private string CreateStaging()
    {
        var root = Root;
        createdRoot = !Directory.Exists(root);
        Directory.CreateDirectory(root); // leftovers in it were swept by CheckWritableAsync, which every export runs first
        var folder = Path.Combine(root, OwnedTempName.Create(StagingPrefix));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Removes the staging folders of exports that were killed (nothing in them was ever visible): at once when their
    /// process is gone, after an hour, far longer than any export stages, when another machine or an older version made them.
    /// </summary>
    private void RemoveAbandonedStaging()
    {
        OwnedTempName.Sweep(Root, StagingPrefix, TimeSpan.FromHours(1));
        OwnedTempName.Sweep(Root, WriteCheckPrefix, TimeSpan.FromHours(1));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        if (staging.IsValueCreated)
        {
            TryDelete(staging.Value);
            if (createdRoot && Directory.Exists(Root) && !Directory.EnumerateFileSystemEntries(Root).Any())
            {
                TryDelete(Root);
            }
        }
    }
}
