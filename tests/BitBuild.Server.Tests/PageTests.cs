using System.Diagnostics;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;
using static BitBuild.Server.Tests.Infrastructure.TestPackages;

namespace BitBuild.Server.Tests;

/// <summary>The read-only pages: the index of scopes and a scope's components, versions, messages and linked dependencies.</summary>
public sealed class PageTests : IAsyncLifetime
{
    private TestServer server = null!;
    private readonly TempFolder packages = new("bitserver-pages");

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync();
        server.CreateScope("acme.base");
        server.CreateScope("acme.ui");
        var baseKey = server.CreateKey("acme.base", KeyRights.Write);
        var uiKey = server.CreateKey("acme.ui", KeyRights.Write);
        await server.ExportAsync("acme.base", baseKey, [Component(packages.Combine("a"), "acme.base", "text/strings", "1.0.0", "strings for everyone")]);
        await server.ExportAsync("acme.ui", uiKey,
        [
            Component(packages.Combine("b"), "acme.ui", "buttons/button", "1.0.0", "first <b>button</b> & <script>alert(1)</script>", hash: "sha256:01"),
            Component(packages.Combine("c"), "acme.ui", "buttons/button", "1.1.0", "rounder corners", hash: "sha256:02", dependencies: [new Dep("text/strings", "1.0.0", "acme.base")]),
        ]);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        packages.Dispose();
    }

    [Fact]
    public async Task The_scope_page_lists_components_versions_messages_and_linked_dependencies()
    {
        var html = await server.Http.GetStringAsync($"{server.Address}acme.ui/");

        Assert.Contains("acme.ui/buttons/button", html);
        Assert.Contains("dotnet add package acme.ui.buttons.button", html);
        Assert.Contains("1.0.0", html);
        Assert.Contains("1.1.0", html);
        Assert.Contains("rounder corners", html);
        Assert.Contains("<a href=\"/acme.base/#acme.base.text.strings\">acme.base/text/strings</a> 1.0.0", html);
        Assert.Contains("first &lt;b&gt;button&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains($"{server.Address}acme.ui/v3/index.json", html);

        var target = await server.Http.GetStringAsync($"{server.Address}acme.base/");
        Assert.Contains("id=\"acme.base.text.strings\"", target);
        Assert.Contains("strings for everyone", target);
    }

    [Fact]
    public async Task The_index_lists_scopes()
    {
        var html = await server.Http.GetStringAsync(server.Address.ToString());
        Assert.Contains("<a href=\"/acme.ui/\">acme.ui</a>", html);
        Assert.Contains("<a href=\"/acme.base/\">acme.base</a>", html);
    }

    [Fact]
    public async Task Headless_chromium_renders_the_scope_page()
    {
        var executable = Chromium.Executable;
        Assert.True(executable is not null, "headless Chromium is needed for this test: run the README's set-up command (apt-get install -y chromium)");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var profile = new TempFolder("bitserver-chromium");
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", $"--user-data-dir={profile.Path}", "--dump-dom", $"{server.Address}acme.ui/" })
        {
            info.ArgumentList.Add(argument);
        }

        using var chromium = Process.Start(info)!;
        var dom = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        Assert.True(chromium.WaitForExit(60_000), "chromium did not finish within 60 s");
        var text = await dom;
        Assert.Contains("<h2 id=\"acme.ui.buttons.button\">acme.ui/buttons/button</h2>", text);
        Assert.Contains("rounder corners", text);
        Assert.DoesNotContain("<script>alert(1)</script>", text);
    }
}

/// <summary>Where Debian's (or another distribution's) Chromium is installed; the README's set-up command installs it.</summary>
internal static class Chromium
{
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
}
