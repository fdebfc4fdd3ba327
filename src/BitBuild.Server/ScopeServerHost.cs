using System.Net;
using System.Security.Cryptography.X509Certificates;
using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Endpoints;
using BitBuild.Server.Hosting;
using BitBuild.Server.Pages;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BitBuild.Server;

/// <summary>
/// A running scope server: Kestrel from the shared framework, minimal APIs, filesystem storage under the root.
/// <c>await using var host = await ScopeServerHost.StartAsync(root, ["http://127.0.0.1:0"], ct);</c> then
/// <c>host.Address</c> is the bound address (port 0 picks a free one) and <c>{host.Address}{scope}/v3/index.json</c> a feed.
/// </summary>
public sealed class ScopeServerHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScopeServerHost(WebApplication app, IReadOnlyList<Uri> addresses, ServerServices services)
    {
        this.app = app;
        Addresses = addresses;
        Services = services;
    }

    /// <summary>Every address the server listens on, with the real ports.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The first bound address, ending with '/'.</summary>
    public Uri Address => Addresses[0];

    public ServerServices Services { get; }

    public static Task<ScopeServerHost> StartAsync(string root, IEnumerable<string> urls, CancellationToken ct) =>
        StartAsync(new ScopeServerOptions { Root = root, Urls = urls.ToList() }, ct);

    public static async Task<ScopeServerHost> StartAsync(ScopeServerOptions options, CancellationToken ct)
    {
        var certificate = LoadCertificate(options);
        var listen = options.Urls.Select(u => ListenAddress.Parse(u, options.AllowInsecureRemote, certificate is not null)).ToList();
        if (listen.Count == 0)
        {
            throw new BitException(DiagnosticCodes.ServerInvalidUrl, "no listen URL given") { IsUsageError = true };
        }

        Directory.CreateDirectory(options.Root);
        var services = new ServerServices(options with { Root = Path.GetFullPath(options.Root) });
        StartupRecovery.Run(services.Scopes);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = services.Paths.Root, Args = [] });
        // Warnings and errors only: request logging would be noise, and nothing here ever logs a header (keys travel in headers).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxExportBytes;
            foreach (var address in listen)
            {
                void Configure(ListenOptions lo)
                {
                    if (address.Https)
                    {
                        lo.UseHttps(certificate!);
                    }
                }

                if (address.Address is null)
                {
                    kestrel.ListenLocalhost(address.Port, Configure);
                }
                else
                {
                    kestrel.Listen(address.Address, address.Port, Configure);
                }
            }
        });

        var app = builder.Build();
        app.UseServerErrors();
        ServiceIndexEndpoint.Map(app, services);
        FlatContainerEndpoints.Map(app, services);
        RegistrationEndpoints.Map(app, services);
        SearchEndpoint.Map(app, services);
        PublishEndpoints.Map(app, services);
        ExportEndpoint.Map(app, services);
        ScopePages.Map(app, services);
        await app.StartAsync(ct);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("[::]", "0.0.0.0", StringComparison.Ordinal).TrimEnd('/') + "/"))
            .ToList() ?? [];
        return new ScopeServerHost(app, bound, services);
    }

    private static X509Certificate2? LoadCertificate(ScopeServerOptions options)
    {
        if (options.CertificatePath is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new BitException(DiagnosticCodes.ServerCertificateInvalid, $"could not load the certificate {options.CertificatePath}: {ex.Message} (give a .pfx and its --certificate-password)");
        }
    }

    public Task WaitForShutdownAsync(CancellationToken ct) => app.WaitForShutdownAsync(ct);

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
