using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;
using NuGet.Configuration;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// Finds where a scope lives. A <c>BitRemote</c> item with the scope's name wins; otherwise the NuGet.Config package source
/// whose key is the scope name (NuGet's own settings discovery from the workspace root), so feeds a team already has, with
/// their credentials, work as scopes without being declared twice. Anything else is BIT3001, which says how to add it.
/// Credentials: NuGet.Config <c>packageSourceCredentials</c> or <c>NuGetPackageSourceCredentials_{name}</c> (NuGet resolves
/// both for its sources; for a BitRemote they are looked up under the scope name, or under a NuGet.Config source with the
/// same URL). API key: the caller's (<c>--api-key</c>), else NuGet.Config <c>apikeys</c> for the source URL.
/// </summary>
public static class ScopeResolver
{
    public static ResolvedScope Resolve(Workspace workspace, WorkspaceDeclarations declarations, string scope, string? apiKey = null, ISettings? settings = null)
    {
        ScopeName.Validate(scope);
        var remote = declarations.FindRemote(scope);
        if (remote is not null)
        {
            var (kind, location) = RemoteSource.Parse(remote.Source, workspace.Root, scope);
            var source = new PackageSource(location, scope);
            if (kind == ScopeKind.Folder)
            {
                // A folder needs no credentials or key: skip loading NuGet's settings (a quarter of a second).
                return new ResolvedScope(scope, kind, location, ScopeOrigin.BitRemote, source, null);
            }

            ApplyHttpSettings(source, kind);
            settings ??= LoadSettings(workspace.Root);
            var configSources = new PackageSourceProvider(settings).LoadPackageSources().ToList();
            var sameSource = configSources.FirstOrDefault(s => string.Equals(s.Name, scope, StringComparison.OrdinalIgnoreCase) && SameLocation(s.Source, location))
                ?? configSources.FirstOrDefault(s => SameLocation(s.Source, location));
            source.Credentials = sameSource?.Credentials ?? CredentialsFromEnvironment(scope, location);
            return new ResolvedScope(scope, kind, location, ScopeOrigin.BitRemote, source, apiKey ?? ApiKeyFor(settings, location, kind));
        }

        settings ??= LoadSettings(workspace.Root);
        var configured = new PackageSourceProvider(settings).LoadPackageSources().FirstOrDefault(s => string.Equals(s.Name, scope, StringComparison.OrdinalIgnoreCase));
        if (configured is not null)
        {
            var (kind, location) = configured.IsLocal
                ? (ScopeKind.Folder, Path.GetFullPath(configured.Source))
                : RemoteSource.Parse(configured.Source, workspace.Root, scope);
            ApplyHttpSettings(configured, kind);
            return new ResolvedScope(scope, kind, location, ScopeOrigin.NuGetConfig, configured, apiKey ?? ApiKeyFor(settings, configured.Source, kind));
        }

        throw new BitException(
            DiagnosticCodes.UnknownScope,
            $"Scope {scope} is not known: no BitRemote item and no NuGet.Config package source is named '{scope}'. " +
            $"Add it with 'dotnet bit remote add {scope} <folder or https://…/index.json>' (or add a package source with that key to NuGet.Config).");
    }

    public static ISettings LoadSettings(string workspaceRoot) => Settings.LoadDefaultSettings(workspaceRoot);

    private static void ApplyHttpSettings(PackageSource source, ScopeKind kind)
    {
        if (kind == ScopeKind.Http && Uri.TryCreate(source.Source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && RemoteSource.IsLoopback(uri))
        {
            // A scope server on this machine is allowed over plain http (RemoteSource only accepts http for loopback).
            source.AllowInsecureConnections = true;
        }

        source.ProtocolVersion = 3;
    }

    private static bool SameLocation(string configSource, string location)
    {
        if (Uri.TryCreate(configSource, UriKind.Absolute, out var a) && Uri.TryCreate(location, UriKind.Absolute, out var b))
        {
            return Uri.Compare(a, b, UriComponents.AbsoluteUri, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
        }

        return string.Equals(configSource.TrimEnd('/', '\\'), location.TrimEnd('/', '\\'), StringComparison.Ordinal);
    }

    /// <summary>NuGet's own variable format: <c>Username=u;Password=p[;ValidAuthenticationTypes=basic]</c>.</summary>
    private static PackageSourceCredential? CredentialsFromEnvironment(string scope, string location)
    {
        var value = Environment.GetEnvironmentVariable("NuGetPackageSourceCredentials_" + scope);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Username", out var user) || !parts.TryGetValue("Password", out var password))
        {
            return null;
        }

        return new PackageSourceCredential(location, user, password, isPasswordClearText: true, validAuthenticationTypesText: parts.GetValueOrDefault("ValidAuthenticationTypes"));
    }

    private static string? ApiKeyFor(ISettings settings, string source, ScopeKind kind)
    {
        if (kind == ScopeKind.Folder)
        {
            return null;
        }

        string? key;
        try
        {
            key = SettingsUtility.GetDecryptedValueForAddItem(settings, ConfigurationConstants.ApiKeys, source);
        }
        catch (Exception ex) when (ex is NotSupportedException or System.Security.Cryptography.CryptographicException or FormatException)
        {
            // NuGet encrypts apikeys only on Windows; elsewhere a key in NuGet.Config can only be written by hand, in clear text.
            key = settings.GetSection(ConfigurationConstants.ApiKeys)?.GetFirstItemWithAttribute<AddItem>(ConfigurationConstants.KeyAttribute, source)?.Value;
        }

        return string.IsNullOrEmpty(key) ? null : key;
    }
}
