using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static BitBuild.Server.Pages.Html;

namespace BitBuild.Server.Pages;

/// <summary>
/// Read-only, server-rendered pages: <c>/</c> lists the public scopes, <c>/{scope}/</c> lists a scope's components with
/// their versions, tag messages, dependencies (linked to their scope page) and the line that consumes them.
/// Private scopes need a read key (Basic auth) like their feed.
/// </summary>
public static class ScopePages
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services)
    {
        app.MapGet("/", (HttpContext context) => Results.Content(Index(services, context), "text/html; charset=utf-8"));
        app.MapGet("/{scope}/", (HttpContext context, string scope) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            return Results.Content(Scope(services, context, scope), "text/html; charset=utf-8");
        });
    }

    private static string Index(ServerServices services, HttpContext context)
    {
        var body = new Html().Raw("<h1>BitBuild scope server</h1>");
        var scopes = services.Scopes.ListScopes();
        var visible = scopes.Where(s => services.Scopes.Settings(s).Public).ToList();
        if (visible.Count == 0)
        {
            body.Raw("<p class=\"muted\">No public scopes yet. Create one with <code>dotnet bit server scope create OWNER.COLLECTION</code>.</p>");
        }
        else
        {
            body.Raw("<table><thead><tr><th>Scope</th><th>Components</th><th>Feed</th></tr></thead><tbody>");
            foreach (var scope in visible)
            {
                var count = services.Scopes.Catalog(scope).LowerIds.Count();
                body.Raw($"<tr><td><a href=\"{E(Link(context, scope))}\">{E(scope)}</a></td><td>{count}</td><td><code>{E(ServerServices.FeedUrl(context.Request, scope))}index.json</code></td></tr>");
            }

            body.Raw("</tbody></table>");
        }

        var hidden = scopes.Count - visible.Count;
        if (hidden > 0)
        {
            body.Raw($"<p class=\"muted\">{hidden} private scope(s) not listed.</p>");
        }

        return Page("BitBuild scope server", body.ToString());
    }

    private static string Link(HttpContext context, string scope) => $"{context.Request.PathBase}/{scope}/";

    private static string Scope(ServerServices services, HttpContext context, string scope)
    {
        var catalog = services.Scopes.Catalog(scope);
        var feed = ServerServices.FeedUrl(context.Request, scope) + "index.json";
        var body = new Html()
            .Raw($"<p><a href=\"{E(context.Request.PathBase + "/")}\">all scopes</a></p>")
            .Raw($"<h1>Scope {E(scope)}</h1>")
            .Raw($"<p>NuGet feed: <code>{E(feed)}</code></p>")
            .Raw($"<pre>dotnet nuget add source {E(feed)} --name {E(scope)}</pre>");
        var ids = catalog.LowerIds.ToList();
        if (ids.Count == 0)
        {
            body.Raw("<p class=\"muted\">No components exported to this scope yet.</p>");
        }

        foreach (var lowerId in ids)
        {
            var versions = catalog.Versions(lowerId);
            var latest = versions.LastOrDefault(v => v.Listed) ?? versions[^1];
            var title = latest.ComponentId is null ? latest.Id : $"{scope}/{latest.ComponentId}";
            body.Raw($"<h2 id=\"{E(lowerId)}\">{E(title)}</h2>")
                .Raw($"<p>Package id <code>{E(latest.Id)}</code> · latest <code>{E(latest.Version)}</code></p>")
                .Raw($"<pre>dotnet add package {E(latest.Id)}</pre>")
                .Raw("<table><thead><tr><th>Version</th><th>Tagged</th><th>Message</th><th>Dependencies</th></tr></thead><tbody>");
            foreach (var entry in versions.Reverse())
            {
                var meta = services.Scopes.ReadMeta(scope, entry);
                var manifest = meta?.Manifest;
                var dependencies = manifest is null
                    ? string.Join(", ", (meta?.DependencyGroups ?? []).SelectMany(g => g.Dependencies).Select(d => d.Id + " " + d.Range).Distinct().Select(E))
                    : string.Join("<br>", manifest.Dependencies.Select(d =>
                    {
                        var depScope = d.Scope ?? scope;
                        return $"<a href=\"{E(Link(context, depScope))}#{E(d.PackageId.ToLowerInvariant())}\">{E(depScope)}/{E(d.Id)}</a> {E(d.Version)}";
                    }));
                var listed = entry.Listed ? string.Empty : " <span class=\"tag\">unlisted</span>";
                var tagged = manifest is null ? entry.Published.ToString("yyyy-MM-dd HH:mm") : manifest.Time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm");
                body.Raw($"<tr><td><code>{E(entry.Version)}</code>{listed}</td><td class=\"muted\">{E(tagged)} UTC</td>")
                    .Raw($"<td>{E(manifest?.Message)}</td><td>{dependencies}</td></tr>");
            }

            body.Raw("</tbody></table>");
        }

        return Page($"Scope {scope}", body.ToString());
    }
}
