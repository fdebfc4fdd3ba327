using System.Net;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// A scope on a NuGet v3 server. Its service index is read once (<see cref="ScopeServiceIndex"/>); existence is one GET
/// of the package from the flat container restore reads (PackageBaseAddress; 404: not there), whose
/// <c>bit/component.json</c> says what it holds. Those reads go through the command's <see cref="RemoteCalls"/>, so a
/// server that is down costs seconds for the whole export, not per package. Push: <see cref="PackageUpdateResource"/>
/// with skipDuplicate, so a 409 is "already exists"; NuGet reports both that and some failures only through its logger,
/// which is why every push watches a <see cref="NuGetLogCapture"/>.
/// </summary>
public sealed class HttpScopeFeed : IAtomicScopeFeed
{
    private readonly SourceRepository repository;
    private readonly RemoteCalls remote;
    private readonly RemoteCredentials credentials;
    private ScopeServiceIndex? index;

    /// <summary>The system temp folders that hold the packages being pushed (the NuGet push API takes files).</summary>
    public const string PushFolderPrefix = "bitbuild-push-";

    private readonly string tempFolder = Path.Combine(Path.GetTempPath(), OwnedTempName.Create(PushFolderPrefix));

    public HttpScopeFeed(ResolvedScope scope, RemoteCalls remote)
    {
        Scope = scope;
        this.remote = remote;
        credentials = RemoteCredentials.Of(scope);
        repository = Repository.Factory.GetCoreV3(scope.PackageSource);
    }

    public ResolvedScope Scope { get; }

    public Task CheckWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the server decides at push time

    private async Task<ScopeServiceIndex> IndexAsync(CancellationToken cancellationToken) =>
        index ??= await ScopeServiceIndex.ReadAsync(remote, new Uri(Scope.Location), credentials, Scope.Name, cancellationToken).ConfigureAwait(false);

    public async Task<bool> SupportsAtomicExportAsync(CancellationToken cancellationToken) =>
        (await IndexAsync(cancellationToken).ConfigureAwait(false)).ExportEndpoint is not null;

    public async Task<ScopeServerExportResult> ExportAtomicallyAsync(IReadOnlyList<string> nupkgPaths, CancellationToken cancellationToken)
    {
        var endpoint = (await IndexAsync(cancellationToken).ConfigureAwait(false)).ExportEndpoint
            ?? throw new InvalidOperationException($"scope {Scope.Name} has no export endpoint; SupportsAtomicExportAsync said so");
        return await ScopeServerClient.SendExportAsync(endpoint, credentials, nupkgPaths, remote.Http, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScopePackage?> FindAsync(string packageId, NuGetVersion version, CancellationToken cancellationToken)
    {
        var flatContainer = (await IndexAsync(cancellationToken).ConfigureAwait(false)).PackageBaseAddress
            ?? throw remote.Fail(RemoteFailure.Exception(
                RemoteFailureKind.InvalidAnswer, $"find packages in scope {Scope.Name}", new Uri(Scope.Location),
                $"its service index has no {ScopeServiceIndex.PackageBaseAddressType} resource", 1, remote.FailureConsequence));
        var id = packageId.ToLowerInvariant();
        var normalized = version.ToNormalizedString().ToLowerInvariant();
        var root = flatContainer.AbsoluteUri.EndsWith('/') ? flatContainer.AbsoluteUri : flatContainer.AbsoluteUri + "/";
        var url = new Uri($"{root}{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(normalized)}/{Uri.EscapeDataString(id)}.{Uri.EscapeDataString(normalized)}.nupkg");
        return await remote.GetAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                credentials.Apply(request);
                return request;
            },
            async (response, ct) =>
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                using var stream = new MemoryStream();
                await response.Content.CopyToAsync(stream, ct).ConfigureAwait(false);
                stream.Position = 0;
                return ScopePackage.From(packageId, version, PackageManifestReader.TryRead(stream));
            },
            $"find {packageId} {version.ToNormalizedString()} in scope {Scope.Name}",
            cancellationToken,
            HttpStatusCode.NotFound).ConfigureAwait(false);
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

    /// <summary>Never let a key reach a message, even if a server echoes it.</summary>
    private string Redact(string text) => credentials.Redact(text);

    public void Dispose()
    {
        if (Directory.Exists(tempFolder))
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }
}
