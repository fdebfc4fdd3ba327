using System.Net;
using System.Text.Json;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;
using static BitBuild.Server.Tests.Infrastructure.TestPackages;

namespace BitBuild.Server.Tests;

/// <summary>POST /{scope}/bit/v1/export against the real server: validation of the whole upload, all or nothing.</summary>
public sealed class ExportEndpointTests : IAsyncLifetime
{
    private const string Scope = "acme.ui";
    private TestServer server = null!;
    private string key = null!;
    private readonly TempFolder packages = new("bitserver-pkgs");

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        key = server.CreateKey(Scope, KeyRights.Write);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        packages.Dispose();
    }

    private string Pkg(string componentId, string version, string hash = "sha256:aa", string? message = null, IEnumerable<Dep>? deps = null, string scope = Scope, string? folder = null) =>
        Component(folder ?? packages.Combine(Guid.NewGuid().ToString("N")), scope, componentId, version, message, hash, deps);

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string[] Ids(JsonElement body, string property) =>
        body.GetProperty(property).EnumerateArray().Select(p => p.GetProperty("id").GetString() + "@" + p.GetProperty("version").GetString()).Order().ToArray();

    [Fact]
    public async Task Export_lands_every_package_then_a_repeat_skips_them()
    {
        var core = Pkg("core", "1.0.0");
        var button = Pkg("button", "1.0.0", deps: [new Dep("core", "1.0.0", Scope)]);
        var first = await server.ExportAsync(Scope, key, [core, button]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(["acme.ui.button@1.0.0", "acme.ui.core@1.0.0"], Ids(await Body(first), "pushed"));
        Assert.Equal(200, await server.StatusAsync("acme.ui/v3/flat/acme.ui.button/index.json"));

        var again = await server.ExportAsync(Scope, key, [core, button]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await Body(again);
        Assert.Empty(Ids(body, "pushed"));
        Assert.Equal(["acme.ui.button@1.0.0", "acme.ui.core@1.0.0"], Ids(body, "skipped"));
    }

    [Fact]
    public async Task One_conflicting_package_lands_nothing_and_names_both_hashes()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.ExportAsync(Scope, key, [Pkg("core", "1.0.0", hash: "sha256:11")])).StatusCode);

        var changedCore = Pkg("core", "1.0.0", hash: "sha256:22");
        var response = await server.ExportAsync(Scope, key, [Pkg("button", "1.0.0"), Pkg("icons", "2.0.0"), changedCore]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("BIT5005", body.GetProperty("code").GetString());
        var conflict = Assert.Single(body.GetProperty("details").GetProperty("conflicts").EnumerateArray());
        Assert.Equal("acme.ui.core", conflict.GetProperty("id").GetString());
        Assert.NotEqual(conflict.GetProperty("existingHash").GetString(), conflict.GetProperty("uploadedHash").GetString());
        Assert.StartsWith("sha256:", conflict.GetProperty("uploadedHash").GetString());
        Assert.Equal(404, await server.StatusAsync("acme.ui/v3/flat/acme.ui.button/index.json"));
        Assert.Equal(404, await server.StatusAsync("acme.ui/v3/flat/acme.ui.icons/index.json"));
        Assert.False(Directory.Exists(Path.Combine(server.Host.Services.Paths.Packages(Scope), "acme.ui.button")));
        Assert.Empty(Directory.EnumerateDirectories(server.Host.Services.Paths.Pending(Scope)));
    }

    [Fact]
    public async Task Dependencies_must_resolve_in_the_upload_the_scope_or_another_scope_on_the_server()
    {
        server.CreateScope("acme.base");
        var baseKey = server.CreateKey("acme.base", KeyRights.Write);
        Assert.Equal(HttpStatusCode.OK, (await server.ExportAsync("acme.base", baseKey, [Pkg("strings", "1.0.0", scope: "acme.base")])).StatusCode);

        var missing = await server.ExportAsync(Scope, key, [Pkg("forms", "1.0.0", deps: [new Dep("validation", "1.0.0", Scope)])]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var body = await Body(missing);
        Assert.Equal("BIT5008", body.GetProperty("code").GetString());
        Assert.Contains("acme.ui.validation", body.GetProperty("message").GetString());

        var wrongVersion = await server.ExportAsync(Scope, key, [Pkg("forms", "1.0.0", deps: [new Dep("strings", "9.0.0", "acme.base")])]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVersion.StatusCode);

        var resolves = await server.ExportAsync(Scope, key,
        [
            Pkg("forms", "1.0.0", deps: [new Dep("strings", "1.0.0", "acme.base"), new Dep("validation", "1.0.0", Scope)]),
            Pkg("validation", "1.0.0"),
        ]);
        Assert.Equal(HttpStatusCode.OK, resolves.StatusCode);
    }

    [Fact]
    public async Task Ids_outside_the_scope_and_bad_keys_are_refused()
    {
        var foreign = Component(packages.Combine("foreign"), "other.scope", "x", "1.0.0");
        var response = await server.ExportAsync(Scope, key, [foreign]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BIT5006", (await Body(response)).GetProperty("code").GetString());

        var pkg = Pkg("core", "1.0.0");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.ExportAsync(Scope, null, [pkg])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.ExportAsync(Scope, "bitk_not-a-key", [pkg])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ExportAsync(Scope, server.CreateKey(Scope, KeyRights.Read), [pkg])).StatusCode);
        server.CreateScope("acme.other");
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ExportAsync(Scope, server.CreateKey("acme.other", KeyRights.Write), [pkg])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.ExportAsync("no.such-scope", key, [pkg])).StatusCode);
        Assert.Equal(404, await server.StatusAsync("acme.ui/v3/flat/acme.ui.core/index.json"));
    }

    [Fact]
    public async Task Concurrent_exports_to_one_scope_are_serialised()
    {
        // Disjoint exports all land; exports of the same version with different content: exactly one wins.
        var disjoint = Enumerable.Range(0, 6).Select(i => server.ExportAsync(Scope, key, [Pkg($"part{i}", "1.0.0"), Pkg($"part{i}-extra", "1.0.0")]));
        var rivals = Enumerable.Range(0, 4).Select(i => server.ExportAsync(Scope, key, [Pkg("contested", "1.0.0", hash: $"sha256:{i}{i}")]));
        var responses = await Task.WhenAll(disjoint.Concat(rivals));

        Assert.All(responses.Take(6), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, responses.Skip(6).Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Skip(6).Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(13, server.Host.Services.Scopes.Catalog(Scope).Entries.Count);
    }

    [Fact]
    public async Task The_engine_client_detects_the_server_and_exports_through_it()
    {
        var feed = new Uri(server.Feed(Scope));
        Assert.Equal(feed, Engine.Scopes.ScopeServerClient.FeedUrl(server.Address, Scope));
        Assert.Equal(new Uri(server.ExportUrl(Scope)), await Engine.Scopes.ScopeServerClient.FindExportEndpointAsync(feed.AbsoluteUri, null, CancellationToken.None));
        Assert.Null(await Engine.Scopes.ScopeServerClient.FindExportEndpointAsync(packages.Path, null, CancellationToken.None));
        // A scope the server does not have is no "ordinary feed": it is an error, never a reason to push package by package.
        var missing = await Assert.ThrowsAsync<Engine.Diagnostics.BitException>(() => Engine.Scopes.ScopeServerClient.FindExportEndpointAsync($"{server.Address}no.such-scope/v3/index.json", null, CancellationToken.None));
        Assert.Equal("BIT3026", missing.Code);
        Assert.Contains("HTTP 404", missing.Message);

        var core = Pkg("core", "1.0.0");
        var result = await Engine.Scopes.ScopeServerClient.ExportAsync(feed, key, [core, Pkg("grid", "1.0.0")], CancellationToken.None);
        Assert.Equal(["acme.ui.core", "acme.ui.grid"], result.Pushed.Select(p => p.Id).Order().ToArray());
        Assert.Empty(result.Skipped);

        var repeat = await Engine.Scopes.ScopeServerClient.ExportAsync(feed, key, [core], CancellationToken.None);
        Assert.Equal("acme.ui.core", Assert.Single(repeat.Skipped).Id);

        var conflict = await Assert.ThrowsAsync<Engine.Diagnostics.BitException>(() =>
            Engine.Scopes.ScopeServerClient.ExportAsync(feed, key, [Pkg("core", "1.0.0", hash: "sha256:ff")], CancellationToken.None));
        Assert.Equal("BIT5005", conflict.Code);
        Assert.Contains("acme.ui.core", conflict.Message);
    }
}
