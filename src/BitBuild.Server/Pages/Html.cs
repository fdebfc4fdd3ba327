using System.Net;
using System.Text;

namespace BitBuild.Server.Pages;

/// <summary>A tiny HTML writer: every piece of text goes through <see cref="E"/>, so package data can never inject markup.</summary>
internal sealed class Html
{
    private readonly StringBuilder text = new();

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public Html Raw(string markup)
    {
        text.Append(markup);
        return this;
    }

    public static string Page(string title, string body) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}
        h1{font-size:1.6rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
        code,pre{background:#f6f8fa;border-radius:4px;padding:.1rem .3rem;font-size:.9rem} pre{padding:.6rem;overflow-x:auto}
        table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top}
        .muted{color:#656d76} .tag{font-size:.8rem;border:1px solid #d0d7de;border-radius:1rem;padding:0 .5rem}
        </style></head><body>
        {{body}}
        </body></html>
        """;

    public override string ToString() => text.ToString();
}
