using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using NuGet.Configuration;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Where restore will find a scope's packages: the <c>BitRemote</c> item's Source made absolute (a folder relative to the
/// workspace root, a file:// URL, or an http(s) service index), else a NuGet.Config source named like the scope.
/// </summary>
internal static class ScopeSource
{
    public static string Resolve(string workspaceRoot, WorkspaceDeclarations declarations, string scope)
    {
        var remote = declarations.FindRemote(scope);
        if (remote is not null && !string.IsNullOrWhiteSpace(remote.Source))
        {
            return Absolute(remote.Source.Trim(), workspaceRoot);
        }

        var configured = new PackageSourceProvider(Settings.LoadDefaultSettings(workspaceRoot)).LoadPackageSources()
            .FirstOrDefault(s => string.Equals(s.Name, scope, StringComparison.OrdinalIgnoreCase));
        if (configured is not null)
        {
            return configured.Source;
        }

        throw new BitException(
            DiagnosticCodes.EjectNoScopeSource,
            $"Scope {scope} has no source to restore its packages from: no BitRemote item named {scope} (or it has no Source) and no NuGet.Config package source with that key. " +
            $"Add it with 'dotnet bit remote add {scope} <folder or https://…/index.json>' and run eject again.");
    }

    private static string Absolute(string source, string workspaceRoot)
    {
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return Path.GetFullPath(uri.LocalPath);
        }

        return Path.GetFullPath(Path.Combine(workspaceRoot, source));
    }

    /// <summary>True for a source restore reads from the file system.</summary>
    public static bool IsFolder(string location) =>
        !location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
