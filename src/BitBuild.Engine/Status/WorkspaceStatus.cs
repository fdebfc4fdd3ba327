using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Status;

/// <summary>Computes each component's <see cref="ComponentStatus"/> from the declarations, .bitmap and the sources on disk.</summary>
public static class WorkspaceStatus
{
    /// <param name="projects">
    /// Each component's project as MSBuild describes it (<see cref="ComponentDiscovery"/> with references): with it, what
    /// the build reads from outside the folder counts too (<see cref="BuildInputs"/>); without it, the folder alone.
    /// </param>
    public static IReadOnlyList<ComponentStatus> Compute(Workspace workspace, WorkspaceDeclarations declarations, Bitmap bitmap, IReadOnlyDictionary<string, ProjectDescription>? projects = null)
    {
        var result = new List<ComponentStatus>();
        foreach (var component in declarations.Components)
        {
            var state = bitmap.Find(component.Id);
            var hash = HashOf(component, declarations);
            var status = Describe(component.Id, component.ProjectPath, state, hash, component.Scope ?? declarations.DefaultScope);
            if (state?.Latest?.Inputs is { } recorded && projects is not null && projects.TryGetValue(component.Id, out var project))
            {
                var changes = BuildInputs.Changes(recorded, BuildInputs.Of(project, workspace.Relative), project, workspace.Relative);
                if (changes.Count > 0)
                {
                    status = status with { Stage = ComponentStage.Modified, ChangedInputs = changes };
                }
            }

            result.Add(status);
        }

        foreach (var (id, state) in bitmap.Components.Where(c => declarations.Find(c.Key) is null))
        {
            result.Add(Describe(id, state.Project is null ? null : workspace.Absolute(state.Project), state, null, null) with { Stage = ComponentStage.NotDeclared });
        }

        return WithPendingAutoTags(result, bitmap).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The dependents the next <c>tag</c> will auto-tag, as Bit's status shows them: every tagged, declared component that is
    /// not itself new or modified and whose latest version depends on one that is (or on one pending, transitively).
    /// Read from .bitmap's recorded dependencies, so status needs no ProjectReference evaluation.
    /// </summary>
    private static List<ComponentStatus> WithPendingAutoTags(List<ComponentStatus> statuses, Bitmap bitmap)
    {
        var changing = statuses.Where(s => s.Stage is ComponentStage.New or ComponentStage.Modified).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var because = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        bool added;
        do
        {
            added = false;
            foreach (var status in statuses.Where(s => (s.Stage is ComponentStage.Staged or ComponentStage.UpToDate) && !because.ContainsKey(s.Id)))
            {
                var causes = bitmap.Find(status.Id)?.Latest?.Dependencies.Keys.Where(d => changing.Contains(d) || because.ContainsKey(d)).ToList() ?? [];
                if (causes.Count > 0)
                {
                    because[status.Id] = causes;
                    added = true;
                }
            }
        }
        while (added);

        return statuses.Select(s => because.TryGetValue(s.Id, out var causes) ? s with { PendingAutoTagBecause = causes } : s).ToList();
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
