using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Scopes;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Where restore will find a scope's packages: the scope as export resolves it (<see cref="ScopeResolver"/>: the
/// <c>BitRemote</c> item's Source made absolute, else a NuGet.Config source named like the scope), so eject reads the
/// packages from exactly where export put them.
/// </summary>
internal static class ScopeSource
{
    public static string Resolve(Workspace workspace, WorkspaceDeclarations declarations, string scope)
    {
        try
        {
            return ScopeResolver.Resolve(workspace, declarations, scope).Location;
        }
        catch (BitException ex) when (ex.Code == DiagnosticCodes.UnknownScope)
        {
            throw new BitException(
                DiagnosticCodes.EjectNoScopeSource,
                $"Scope {scope} has no source to restore its packages from: no BitRemote item and no NuGet.Config package source is named '{scope}'. " +
                $"Add it with 'dotnet bit remote add {scope} <folder or https://…/index.json>' and run eject again. Nothing was changed.");
        }
    }

    /// <summary>True for a source restore reads from the file system.</summary>
    public static bool IsFolder(string location) =>
        !location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
