using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// A scope on a NuGet v3 server. Existence: <see cref="FindPackageByIdResource"/> (the flat container restore uses), then
/// the package is downloaded to read its <c>bit/component.json</c>. Push: <see cref="PackageUpdateResource"/> with
/// skipDuplicate, so a 409 is "already exists"; NuGet reports both that and some failures only through its logger, which
/// is why every push watches a <see cref="NuGetLogCapture"/>. The cache is bypassed: a scope changes under us.
/// </summary>
public sealed class HttpScopeFeed : IAtomicScopeFeed
{
    private bool? supportsAtomicExport;

    private readonly SourceRepository repository;
    private readonly SourceCacheContext cache = new() { NoCache = true, DirectDownload = true };
    /// <summary>The system temp folders that hold the packages being pushed (the NuGet push API takes files).</summary>
    public const string PushFolderPrefix = "bitbuild-push-";

    private readonly string tempFolder = Path.Combine(Path.GetTempPath(), OwnedTempName.Create(PushFolderPrefix));

    public HttpScopeFeed(ResolvedScope scope)
    {
        Scope = scope;
        repository = Repository.Factory.GetCoreV3(scope.PackageSource);
    }

    public ResolvedScope Scope { get; }

    public Task CheckWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the server decides at push time

    public async Task<bool> SupportsAtomicExportAsync(CancellationToken cancellationToken) =>
        supportsAtomicExport ??= await ScopeServerClient.FindExportEndpointAsync(Scope.Location, Scope.ApiKey, cancellationToken).ConfigureAwait(false) is not null;

    public Task<ScopeServerExportResult> ExportAtomicallyAsync(IReadOnlyList<string> nupkgPaths, CancellationToken cancellationToken) =>
        ScopeServerClient.ExportAsync(new Uri(Scope.Location), Scope.ApiKey ?? string.Empty, nupkgPaths, cancellationToken);

    public async Task<ScopePackage?> FindAsync(string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        var log = new NuGetLogCapture();
        try
        {
            var find = await repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false)
                ?? throw Unreachable("its service index has no PackageBaseAddress resource", log, null);
            if (!await find.DoesPackageExistAsync(packageId, version, cache, log, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            using var stream = new MemoryStream();
            if (!await find.CopyNupkgToStreamAsync(packageId, version, stream, cache, log, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            stream.Position = 0;
            return ScopePackage.From(packageId, version, PackageManifestReader.TryRead(stream));
        }
        catch (Exception ex) when (ex is FatalProtocolException or HttpRequestException or TaskCanceledException)
        {
            throw Unreachable(ex.Message, log, ex);
        }
    }

    public Task<StagedPackage> StageAsync(byte[] package, byte[]? symbols, string packageId, NuGetVersion version, CancellationToken cancellationToken) =>
        Task.FromResult(new StagedPackage(package, packageId, version, null, symbols));

    /// <summary>NuGet's push takes a file: the package goes to a temp folder of this feed's own, deleted on dispose.</summary>
    public async Task<PushOutcome> PublishAsync(StagedPackage staged, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempFolder);
        var file = Path.Combine(tempFolder, $"{staged.PackageId}.{staged.Version.ToNormalizedString()}.nupkg".ToLowerInvariant());
        await File.WriteAllBytesAsync(file, staged.Package, cancellationToken).ConfigureAwait(false);
        var symbols = LocalScope.LocalScopeStore.SymbolsPathOf(file);
        if (staged.Symbols is not null)
        {
            // NuGet's push sends the .snupkg it finds next to the package, to the server's symbol endpoint.
            await File.WriteAllBytesAsync(symbols, staged.Symbols, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await PushAsync(file, staged.PackageId, staged.Version, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
            File.Delete(symbols);
        }
    }

    public async Task<PushOutcome> PushAsync(string nupkgPath, string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        var log = new NuGetLogCapture();
        try
        {
            var update = await repository.GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false)
                ?? throw new BitException(DiagnosticCodes.PushFailed, $"Scope {Scope.Name} ({Scope.Location}) does not accept pushes (its service index has no PackagePublish resource).");
            update.Settings = NullSettings.Instance;
            var apiKey = Scope.ApiKey;

            // Symbols go where the server says it takes them (its SymbolPackagePublish resource, as nuget.org's); a server
            // without one gets the package alone, as 'dotnet nuget push' does.
            var symbols = File.Exists(LocalScope.LocalScopeStore.SymbolsPathOf(nupkgPath))
                ? await repository.GetResourceAsync<SymbolPackageUpdateResourceV3>(cancellationToken).ConfigureAwait(false)
                : null;
            await update.Push(
                [nupkgPath],
                symbolSource: symbols?.SourceUri.AbsoluteUri!,
                timeoutInSecond: 300,
                disableBuffering: false,
                getApiKey: _ => apiKey!,
                getSymbolApiKey: _ => apiKey!,
                noServiceEndpoint: false,
                skipDuplicate: true,
                symbolPackageUpdateResource: symbols!,
                allowInsecureConnections: Scope.PackageSource.AllowInsecureConnections,
                log).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FatalProtocolException or HttpRequestException or InvalidOperationException)
        {
            throw new BitException(
                DiagnosticCodes.PushFailed,
                $"Pushing {packageId} {version} to scope {Scope.Name} ({Scope.Location}) failed: {Redact(ex.Message)} " +
                "Check the server is up and the API key (--api-key, or NuGet.Config apikeys) is right, then run the export again; what was sent stays.",
                inner: ex);
        }

        if (log.Errors.Count > 0)
        {
            throw new BitException(
                DiagnosticCodes.PushFailed,
                $"Pushing {packageId} {version} to scope {Scope.Name} ({Scope.Location}) failed: {Redact(string.Join(" ", log.Errors))}");
        }

        return log.SawAlreadyExists ? PushOutcome.AlreadyExists : PushOutcome.Pushed;
    }

    private BitException Unreachable(string message, NuGetLogCapture log, Exception? inner) =>
        new(DiagnosticCodes.ScopeUnreachable,
            $"Scope {Scope.Name} ({Scope.Location}) could not be read: {Redact(message)}{(log.Errors.Count > 0 ? " " + Redact(string.Join(" ", log.Errors)) : "")} " +
            "Check the URL, the network and the credentials (NuGet.Config packageSourceCredentials or NuGetPackageSourceCredentials_" + Scope.Name + ").",
            inner: inner);

    /// <summary>Never let a key reach a message, even if a server echoes it.</summary>
    private string Redact(string text) => Scope.ApiKey is { Length: > 0 } key ? text.Replace(key, "***", StringComparison.Ordinal) : text;

    public void Dispose()
    {
        cache.Dispose();
        if (Directory.Exists(tempFolder))
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }
}
