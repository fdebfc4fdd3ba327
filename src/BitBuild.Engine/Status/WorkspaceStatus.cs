using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Status;

/// <summary>Computes each component's <see cref="ComponentStatus"/> from the declarations, .bitmap and the sources on disk.</summary>
public static class WorkspaceStatus
{
    public static IReadOnlyList<ComponentStatus> Compute(Workspace workspace, WorkspaceDeclarations declarations, Bitmap bitmap)
    {
        var result = new List<ComponentStatus>();
        foreach (var component in declarations.Components)
        {
            var state = bitmap.Find(component.Id);
            var hash = HashOf(component, declarations);
            result.Add(Describe(component.Id, component.ProjectPath, state, hash, component.Scope ?? declarations.DefaultScope));
        }

        foreach (var (id, state) in bitmap.Components.Where(c => declarations.Find(c.Key) is null))
        {
            result.Add(Describe(id, state.Project is null ? null : workspace.Absolute(state.Project), state, null, null) with { Stage = ComponentStage.NotDeclared });
        }

        return result.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The content hash of a component's sources, leaving out the folders of components nested inside it.</summary>
    public static string HashOf(DeclaredComponent component, WorkspaceDeclarations declarations)
    {
        var nested = declarations.NestedComponentFolders(component);
        return ContentHash.OfFolder(component.Folder, nested);
    }


    private static ComponentStatus Describe(string id, string? project, State.ComponentState? state, string? hash, string? pendingScope)
    {
        var latest = state?.Latest;
        var staged = state?.StagedVersions.Select(v => v.Version).ToList() ?? [];
        var otherScopes = state?.Versions.SelectMany(v => v.ExportedTo).Where(s => s != state.Scope).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList() ?? [];
        ComponentStage status;
        if (latest is null)
        {
            status = ComponentStage.New;
        }
        else if (hash is not null && hash != latest.Hash)
        {
            status = ComponentStage.Modified;
        }
        else if (staged.Count > 0)
        {
            status = ComponentStage.Staged;
        }
        else
        {
            status = ComponentStage.UpToDate;
        }

        var exported = state?.Scope is not null && latest is not null && latest.ExportedTo.Contains(state.Scope);
        var stagedElsewhere = state?.StagedVersions.SelectMany(v => v.ExportedTo).Where(s => s != state.Scope).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList() ?? [];
        return new ComponentStatus(id, status, project, latest?.Version, state?.Scope, state?.Scope is null ? pendingScope : null, exported, hash, staged, otherScopes)
        {
            StagedVersionsExportedTo = stagedElsewhere,
        };
    }
}
