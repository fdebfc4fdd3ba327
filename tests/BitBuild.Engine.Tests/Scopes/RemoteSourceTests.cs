using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Scopes;

namespace BitBuild.Engine.Tests.Scopes;

public sealed class RemoteSourceTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "ws"));

    [Fact]
    public void A_relative_folder_is_relative_to_the_workspace_root() =>
        Assert.Equal((ScopeKind.Folder, Path.GetFullPath(Path.Combine(Root, "../feeds/a"))), RemoteSource.Parse("../feeds/a", Root, "a"));

    [Fact]
    public void An_absolute_folder_and_a_file_url_are_folders()
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "feed"));
        Assert.Equal((ScopeKind.Folder, folder), RemoteSource.Parse(folder, Root, "a"));
        Assert.Equal((ScopeKind.Folder, folder), RemoteSource.Parse(new Uri(folder).AbsoluteUri, Root, "a"));
    }

    [Theory]
    [InlineData("https://example.com/v3/index.json")]
    [InlineData("http://127.0.0.1:5555/s/a/v3/index.json")]
    [InlineData("http://localhost:5555/v3/index.json")]
    public void Https_and_loopback_http_are_http_scopes(string source) =>
        Assert.Equal(ScopeKind.Http, RemoteSource.Parse(source, Root, "a").Kind);

    [Theory]
    [InlineData("http://example.com/v3/index.json")]
    [InlineData("ftp://example.com/feed")]
    [InlineData("  ")]
    public void Other_sources_are_BIT3013(string source) =>
        Assert.Equal(DiagnosticCodes.InvalidRemoteSource, Assert.Throws<BitException>(() => RemoteSource.Parse(source, Root, "a")).Code);
}
