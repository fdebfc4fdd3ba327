using BitBuild.Engine.Diagnostics;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// A folder scope in NuGet's v3 layout (<c>{lowerid}/{lowerversion}/{lowerid}.{lowerversion}.nupkg</c> with its .nuspec,
/// .sha512 and .nupkg.metadata), written by NuGet's own <see cref="OfflineFeedUtility"/> so <c>dotnet restore</c> reads it
/// directly. Not PackageUpdateResource: on an empty folder it writes the v2 flat layout and overwrites silently.
/// A missing scope folder is created when its parent exists (a typo in a deep path then fails loudly: BIT3011);
/// a folder that cannot be written to, or a path that is a file, is BIT3012.
/// </summary>
public sealed class FolderScopeFeed(ResolvedScope scope) : IScopeFeed
{
    private readonly VersionFolderPathResolver paths = new(scope.Location, isLowercase: true);

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

        var probe = Path.Combine(Root, $".bit-write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"writing to {Root} failed: {ex.Message}");
        }

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

    public async Task<PushOutcome> PushAsync(string nupkgPath, string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (File.Exists(paths.GetPackageFilePath(packageId, version)))
        {
            return PushOutcome.AlreadyExists;
        }

        try
        {
            Directory.CreateDirectory(Root);
            var log = new NuGetLogCapture();
            var extraction = new PackageExtractionContext(PackageSaveMode.Nupkg | PackageSaveMode.Nuspec, XmlDocFileSaveMode.None, clientPolicyContext: null, log);
            var context = new OfflineFeedAddContext(
                nupkgPath,
                Root,
                log,
                throwIfSourcePackageIsInvalid: true,
                throwIfPackageExistsAndInvalid: true,
                throwIfPackageExists: false,
                extraction);
            await OfflineFeedUtility.AddPackageToSource(context, cancellationToken).ConfigureAwait(false);
            if (log.Errors.Count > 0)
            {
                throw new BitException(DiagnosticCodes.PushFailed, $"Adding {packageId} {version} to scope {scope.Name} ({Root}) failed: {string.Join(" ", log.Errors)}");
            }

            return PushOutcome.Pushed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable($"writing {packageId} {version} to {Root} failed: {ex.Message}");
        }
    }

    public void Dispose()
    {
    }
}
