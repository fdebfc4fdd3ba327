using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Scopes;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Scopes;

public sealed class ScopeResolverTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("bit-resolve-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void NuGetConfig(string body) => File.WriteAllText(Path.Combine(root, "NuGet.Config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
        {body}
        </configuration>
        """);

    [Fact]
    public void A_BitRemote_wins()
    {
        NuGetConfig("<packageSources><clear /><add key=\"team.core\" value=\"https://example.com/other/index.json\" /></packageSources>");
        var declarations = new WorkspaceDeclarations([], [new DeclaredRemote("team.core", "feeds/core")], null);
        var scope = ScopeResolver.Resolve(Workspace.At(root), declarations, "team.core");
        Assert.Equal(ScopeKind.Folder, scope.Kind);
        Assert.Equal(ScopeOrigin.BitRemote, scope.Origin);
        Assert.Equal(Path.Combine(root, "feeds", "core"), scope.Location);
    }

    [Fact]
    public void A_scope_without_remote_is_the_NuGet_Config_source_of_that_name_with_its_credentials_and_api_key()
    {
        NuGetConfig("""
              <packageSources><clear /><add key="team.core" value="https://example.com/v3/index.json" /></packageSources>
              <packageSourceCredentials><team.core><add key="Username" value="me" /><add key="ClearTextPassword" value="secret" /></team.core></packageSourceCredentials>
              <apikeys><add key="https://example.com/v3/index.json" value="the-key" /></apikeys>
            """);
        var scope = ScopeResolver.Resolve(Workspace.At(root), new WorkspaceDeclarations([], [], null), "team.core");
        Assert.Equal(ScopeOrigin.NuGetConfig, scope.Origin);
        Assert.Equal(ScopeKind.Http, scope.Kind);
        Assert.Equal("me", scope.PackageSource.Credentials?.Username);
        Assert.True(scope.HasApiKey);
        Assert.DoesNotContain("the-key", scope.ToString());
    }

    [Fact]
    public void The_api_key_option_overrides_NuGet_Config()
    {
        NuGetConfig("<packageSources><clear /></packageSources>");
        var declarations = new WorkspaceDeclarations([], [new DeclaredRemote("team.core", "https://example.com/v3/index.json")], null);
        var scope = ScopeResolver.Resolve(Workspace.At(root), declarations, "team.core", apiKey: "from-option");
        Assert.Equal("from-option", scope.ApiKey);
    }

    [Fact]
    public void An_unknown_scope_is_BIT3001_saying_how_to_add_it()
    {
        NuGetConfig("<packageSources><clear /></packageSources>");
        var error = Assert.Throws<BitException>(() => ScopeResolver.Resolve(Workspace.At(root), new WorkspaceDeclarations([], [], null), "nobody.knows"));
        Assert.Equal(DiagnosticCodes.UnknownScope, error.Code);
        Assert.Contains("dotnet bit remote add nobody.knows", error.Message);
    }

    [Fact]
    public void An_invalid_scope_name_is_BIT1010() =>
        Assert.Equal(DiagnosticCodes.InvalidScopeName, Assert.Throws<BitException>(() => ScopeResolver.Resolve(Workspace.At(root), new WorkspaceDeclarations([], [], null), "Bad..Name")).Code);
}
