using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Hosting;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>Path traversal, private scopes, keys at rest, size limits and the plain-http-on-loopback-only default.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData("acme.ui/v3/flat/..%2F..%2Fkeys.json/index.json")]
    [InlineData("acme.ui/v3/flat/acme.ui.core/..%2F..%2F..%2F..%2Fkeys.json/x.nupkg")]
    [InlineData("acme.ui/v3/flat/acme.ui.core/1.0.0/..%2F..%2F..%2F..%2Fkeys.json")]
    [InlineData("acme.ui/v3/flat/%2E%2E/1.0.0/x.nupkg")]
    [InlineData("..%2Fscopes/v3/index.json")]
    [InlineData("acme.ui/v3/registration/..%2F..%2Fcatalog/index.json")]
    [InlineData("acme.ui/v3/flat/acme.ui.core/1.0.0%2F..%2F..%2Facme.ui.core/acme.ui.core.1.0.0.nupkg")]
    public async Task Traversal_in_urls_never_reaches_the_filesystem(string url)
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.ui");
        var key = server.CreateKey("acme.ui", KeyRights.Write);
        using var folder = new TempFolder();
        Assert.Equal(HttpStatusCode.OK, (await server.ExportAsync("acme.ui", key, [TestPackages.Component(folder.Path, "acme.ui", "core", "1.0.0")])).StatusCode);

        var response = await server.Http.GetAsync(server.Address + url);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
        Assert.DoesNotContain("sha256", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_package_whose_nuspec_id_is_a_path_is_rejected_before_anything_is_written()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.ui");
        var key = server.CreateKey("acme.ui", KeyRights.Write);
        using var folder = new TempFolder();
        var evil = folder.Combine("evil.nupkg");
        using (var zip = ZipFile.Open(evil, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("evil.nuspec");
            using var writer = new StreamWriter(entry.Open());
            writer.Write("""
                <?xml version="1.0"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata>
                <id>acme.ui/../../../../escape</id><version>1.0.0</version><authors>x</authors><description>x</description>
                </metadata></package>
                """);
        }

        var response = await server.ExportAsync("acme.ui", key, [evil]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var push = new HttpRequestMessage(HttpMethod.Put, $"{server.Address}acme.ui/v3/package") { Content = new ByteArrayContent(File.ReadAllBytes(evil)) };
        push.Headers.Add("X-NuGet-ApiKey", key);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.SendAsync(push)).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(server.Root.Path, "escape")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(server.Root.Path)!, "escape")));
        Assert.Empty(server.Host.Services.Scopes.Catalog("acme.ui").Entries);

        var garbage = folder.Combine("garbage.nupkg");
        File.WriteAllText(garbage, "not a zip");
        Assert.Equal(HttpStatusCode.BadRequest, (await server.ExportAsync("acme.ui", key, [garbage])).StatusCode);
    }

    [Fact]
    public async Task Private_scopes_need_a_read_key_as_basic_auth_or_header()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.secret", isPublic: false);
        server.CreateScope("acme.open");
        var read = server.CreateKey("acme.secret", KeyRights.Read);
        var otherScopeKey = server.CreateKey("acme.open", KeyRights.Write);

        var anonymous = await server.Http.GetAsync(server.Feed("acme.secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync($"{server.Address}acme.secret/")).StatusCode);

        async Task<HttpStatusCode> WithBasic(string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, server.Feed("acme.secret"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + password)));
            return (await server.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await WithBasic(read));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithBasic("bitk_wrong"));
        Assert.Equal(HttpStatusCode.Forbidden, await WithBasic(otherScopeKey));
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(server.Feed("acme.open"))).StatusCode);

        var index = await server.Http.GetStringAsync(server.Address.ToString());
        Assert.Contains("acme.open", index);
        Assert.DoesNotContain("acme.secret", index);

        var keysFile = File.ReadAllText(server.Host.Services.Paths.KeysFile);
        Assert.DoesNotContain(read, keysFile);
        Assert.DoesNotContain(otherScopeKey, keysFile);
    }

    [Fact]
    public async Task Requests_over_the_size_limit_get_413_and_land_nothing()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxPackageBytes = 4096, MaxExportBytes = 64 * 1024 });
        server.CreateScope("acme.ui");
        var key = server.CreateKey("acme.ui", KeyRights.Write);
        using var folder = new TempFolder();
        var big = folder.Combine("big.nupkg");
        File.WriteAllBytes(big, new byte[200 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.ExportAsync("acme.ui", key, [big])).StatusCode);
        var push = new HttpRequestMessage(HttpMethod.Put, $"{server.Address}acme.ui/v3/package") { Content = new ByteArrayContent(new byte[8192]) };
        push.Headers.Add("X-NuGet-ApiKey", key);
        push.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Http.SendAsync(push)).StatusCode);
        Assert.Empty(Directory.EnumerateDirectories(server.Host.Services.Paths.Pending("acme.ui")));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", false, false, DiagnosticCodes.ServerInsecureUrl)]
    [InlineData("http://*:5080", false, false, DiagnosticCodes.ServerInsecureUrl)]
    [InlineData("http://192.168.1.10:5080", false, false, DiagnosticCodes.ServerInsecureUrl)]
    [InlineData("https://0.0.0.0:5443", false, false, DiagnosticCodes.ServerCertificateInvalid)]
    [InlineData("http://127.0.0.1:5080/sub/path", false, false, DiagnosticCodes.ServerInvalidUrl)]
    [InlineData("http://127.0.0.1:0", false, false, null)]
    [InlineData("http://localhost:5080", false, false, null)]
    [InlineData("http://[::1]:5080", false, false, null)]
    [InlineData("http://0.0.0.0:5080", true, false, null)]
    [InlineData("https://0.0.0.0:5443", false, true, null)]
    public void Plain_http_is_loopback_only_unless_allowed(string url, bool allowInsecureRemote, bool haveCertificate, string? expectedCode)
    {
        if (expectedCode is null)
        {
            ListenAddress.Parse(url, allowInsecureRemote, haveCertificate);
        }
        else
        {
            Assert.Equal(expectedCode, Assert.Throws<BitException>(() => ListenAddress.Parse(url, allowInsecureRemote, haveCertificate)).Code);
        }
    }

    [Fact]
    public async Task Https_with_a_configured_certificate_serves_the_feed()
    {
        using var folder = new TempFolder();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = folder.Combine("server.pfx");
        File.WriteAllBytes(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "secret"));

        await using var server = await TestServer.StartAsync(o => o with { Urls = ["https://127.0.0.1:0"], CertificatePath = pfx, CertificatePassword = "secret" });
        server.CreateScope("acme.ui");
        Assert.Equal("https", server.Address.Scheme);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint };
        using var http = new HttpClient(handler);
        Assert.Contains("PackageBaseAddress/3.0.0", await http.GetStringAsync(server.Feed("acme.ui")));
    }
}
