using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Scopes;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Remotes;

/// <summary>A remote as <c>remote list</c> shows it: the scope, the Source as written, and where that resolves to.</summary>
public sealed record RemoteInfo(string Name, string Source, ScopeKind Kind, string Location);

/// <summary>
/// <c>dotnet bit remote add|remove|list</c>: <c>BitRemote</c> items in BitWorkspace.props, edited under the workspace lock.
/// The Source is stored as the user wrote it (a relative folder stays relative to the workspace root, so the declaration
/// works in every clone); it is checked by parsing it the way export will.
/// </summary>
public static class RemoteManager
{
    public static RemoteInfo Add(Workspace workspace, string name, string source)
    {
        ScopeName.ValidateArgument(name, "the remote's name");
        var (kind, location) = RemoteSource.Parse(source, workspace.Root, name);
        using var _ = workspace.Lock();
        var declarations = DeclarationsCache.Evaluate(workspace);
        var existing = declarations.FindRemote(name);
        if (existing is not null)
        {
            throw new BitException(
                DiagnosticCodes.RemoteAlreadyExists,
                $"Scope {name} already has a remote ({existing.Source}). Remove it first with 'dotnet bit remote remove {name}'.");
        }

        var file = DeclarationsFile.Load(workspace.DeclarationsPath);
        file.AddRemote(name, source.Trim());
        file.Save(workspace.TempFolder);
        DeclarationsCache.Evaluate(workspace); // leave the cache warm for the export that usually follows
        return new RemoteInfo(name, source.Trim(), kind, location);
    }

    public static void Remove(Workspace workspace, string name)
    {
        using var _ = workspace.Lock();
        var file = DeclarationsFile.Load(workspace.DeclarationsPath);
        if (!file.RemoveRemote(name))
        {
            var declared = DeclarationsCache.Evaluate(workspace).FindRemote(name);
            throw new BitException(
                DiagnosticCodes.UnknownRemote,
                declared is null
                    ? $"There is no remote named {name}. 'dotnet bit remote list' shows the workspace's remotes."
                    : $"The remote {name} is not written as a plain BitRemote item in {Workspace.DeclarationsFileName} (it comes from a glob, a condition or another file); edit that declaration by hand.");
        }

        file.Save(workspace.TempFolder);
        DeclarationsCache.Evaluate(workspace);
    }

    public static IReadOnlyList<RemoteInfo> List(Workspace workspace)
    {
        var declarations = DeclarationsCache.Evaluate(workspace);
        return declarations.Remotes
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r =>
            {
                try
                {
                    var (kind, location) = RemoteSource.Parse(r.Source, workspace.Root, r.Name);
                    return new RemoteInfo(r.Name, r.Source, kind, location);
                }
                catch (BitException)
                {
                    return new RemoteInfo(r.Name, r.Source, ScopeKind.Folder, "(invalid source)");
                }
            })
            .ToList();
    }
}
