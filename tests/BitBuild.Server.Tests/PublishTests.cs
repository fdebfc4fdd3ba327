using System.Net;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>PackagePublish over raw HTTP: normalized-version immutability, scope prefixes, unlist and relist answers.</summary>
public sealed class PublishTests
{
    private static async Task<HttpStatusCode> Put(TestServer server, string scope, string key, string nupkg)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(nupkg)), "package", "package.nupkg" } };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{server.Address}{scope}/v3/package/") { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", key);
        return (await server.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Versions_are_immutable_by_normalized_form_and_ids_must_carry_the_scope_prefix()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.ui");
        var key = server.CreateKey("acme.ui", KeyRights.Write);
        using var folder = new TempFolder();

        Assert.Equal(HttpStatusCode.Created, await Put(server, "acme.ui", key, TestPackages.Component(folder.Combine("a"), "acme.ui", "core", "1.0.0")));
        Assert.Equal(HttpStatusCode.Conflict, await Put(server, "acme.ui", key, TestPackages.Component(folder.Combine("b"), "acme.ui", "core", "1.0.0.0", hash: "sha256:bb")));
        Assert.Equal(HttpStatusCode.Conflict, await Put(server, "acme.ui", key, TestPackages.Component(folder.Combine("c"), "acme.ui", "core", "1.0.0", packageId: "ACME.UI.Core")));
        Assert.Equal(HttpStatusCode.BadRequest, await Put(server, "acme.ui", key, TestPackages.Component(folder.Combine("d"), "acme.uix", "core", "1.0.0")));
        Assert.Equal(HttpStatusCode.Created, await Put(server, "acme.ui", key, TestPackages.Component(folder.Combine("e"), "acme.ui", "core", "1.1.0-beta.1")));

        Assert.Equal("{\"versions\":[\"1.0.0\",\"1.1.0-beta.1\"]}", await server.Http.GetStringAsync($"{server.Address}acme.ui/v3/flat/ACME.UI.CORE/index.json"));
    }

    [Fact]
    public async Task Delete_unlists_post_relists_and_unknown_versions_are_404()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.ui");
        var key = server.CreateKey("acme.ui", KeyRights.Write);
        using var folder = new TempFolder();
        Assert.Equal(HttpStatusCode.Created, await Put(server, "acme.ui", key, TestPackages.Component(folder.Path, "acme.ui", "core", "1.0.0")));

        async Task<HttpStatusCode> Send(HttpMethod method, string path, string? apiKey = null)
        {
            using var request = new HttpRequestMessage(method, $"{server.Address}acme.ui/v3/package/{path}");
            request.Headers.Add("X-NuGet-ApiKey", apiKey ?? key);
            return (await server.Http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Delete, "acme.ui.core/1.0.0", "bitk_nope"));
        Assert.Equal(HttpStatusCode.NoContent, await Send(HttpMethod.Delete, "ACME.UI.Core/1.0"));
        Assert.False(server.Host.Services.Scopes.Catalog("acme.ui").Entries.Single().Listed);
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Post, "acme.ui.core/1.0.0"));
        Assert.True(server.Host.Services.Scopes.Catalog("acme.ui").Entries.Single().Listed);
        Assert.Equal(HttpStatusCode.NotFound, await Send(HttpMethod.Delete, "acme.ui.core/2.0.0"));
        Assert.Equal(HttpStatusCode.BadRequest, await Send(HttpMethod.Delete, "acme.ui.core/not-a-version"));
    }
}
