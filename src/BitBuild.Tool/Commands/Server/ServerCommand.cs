using BitBuild.Server;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("server", Description = "Run the BitBuild scope server: every scope a NuGet v3 feed at /{scope}/v3/index.json, plus atomic exports and web pages.")]
[Subcommand(typeof(ServerScopeCommand), typeof(ServerKeyCommand))]
internal sealed class ServerCommand : ServerRootCommand
{
    [Option("--urls <URLS>", Description = "Listen URLs, separated by ';' (default http://127.0.0.1:5080; port 0 picks a free port).")]
    public string? Urls { get; set; }

    [Option("--allow-insecure-remote", Description = "Allow plain http on a non-loopback address (keys and packages travel unencrypted).")]
    public bool AllowInsecureRemote { get; set; }

    [Option("--certificate <PATH>", Description = "A .pfx certificate for https URLs.")]
    public string? Certificate { get; set; }

    [Option("--certificate-password <PASSWORD>", Description = "The certificate's password (or set BIT_SERVER_CERTIFICATE_PASSWORD).")]
    public string? CertificatePassword { get; set; }

    [Option("--max-package-mb <MB>", Description = "The largest package accepted, in MiB (default 256).")]
    public int? MaxPackageMb { get; set; }

    public int OnExecute(IConsole console)
    {
        var options = new ScopeServerOptions
        {
            Root = ResolvedRoot,
            Urls = (Urls ?? Environment.GetEnvironmentVariable("BIT_SERVER_URLS") ?? ScopeServerOptions.DefaultUrl)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AllowInsecureRemote = AllowInsecureRemote,
            CertificatePath = Certificate,
            CertificatePassword = CertificatePassword ?? Environment.GetEnvironmentVariable("BIT_SERVER_CERTIFICATE_PASSWORD"),
            MaxPackageBytes = (MaxPackageMb ?? 256) * 1024L * 1024L,
            // Fault injection for the crash test (see ScopeWriter); never set in normal use.
            CommitStepDelay = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("BIT_SERVER_TEST_COMMIT_DELAY_MS"), out var ms) ? ms : 0),
        };
        using var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var host = ScopeServerHost.StartAsync(options, stop.Token).GetAwaiter().GetResult();
        try
        {
            console.Out.WriteLine($"BitBuild scope server, storage {options.Root}");
            foreach (var address in host.Addresses)
            {
                // Tests and scripts read this line to learn the bound port.
                console.Out.WriteLine($"listening on {address}");
            }

            console.Out.WriteLine("feeds: {address}{scope}/v3/index.json; press Ctrl+C to stop");
            console.Out.Flush();
            try
            {
                Task.Delay(Timeout.Infinite, stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop cleanly.
            }
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return ExitCodes.Success;
    }
}
