using BitBuild.Engine.Discovery;
using BitBuild.Engine.Status;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("status", Description = "Show each component as new, modified, staged or up to date.")]
internal sealed class StatusCommand : WorkspaceCommand
{
    [Option("--json", Description = "Write the status as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var workspace = FindWorkspace();
        // With each project described, so what builds read from outside their folders counts; cached, as status changes nothing.
        var (declarations, projects) = DescriptionCache.Evaluate(workspace);
        var statuses = WorkspaceStatus.Compute(workspace, declarations, workspace.ReadBitmap(), projects);
        if (Json)
        {
            WriteJson(new
            {
                components = statuses.Select(s => new
                {
                    id = s.Id,
                    status = s.Stage,
                    version = s.LatestVersion,
                    scope = s.PrimaryScope,
                    pendingScope = s.PendingScope,
                    stagedVersions = s.StagedVersions,
                    otherScopes = s.OtherScopes,
                    stagedVersionsExportedTo = s.StagedVersionsExportedTo,
                    pendingAutoTag = s.PendingAutoTagBecause.Count > 0,
                    pendingAutoTagBecause = s.PendingAutoTagBecause,
                    changedInputs = s.ChangedInputs,
                    project = s.ProjectPath is null ? null : workspace.Relative(s.ProjectPath),
                }),
            });
            return ExitCodes.Success;
        }

        if (statuses.Count == 0)
        {
            Console.Out.WriteLine("no components yet; declare one with 'dotnet bit add <project>'");
            return ExitCodes.Success;
        }

        Section(statuses, ComponentStage.New, "new components (declared, never tagged; run 'dotnet bit tag'):", s => $"{s.Id}");
        Section(statuses, ComponentStage.Modified, "modified components (changed since their last tag; run 'dotnet bit tag'):", s =>
            $"{s.Id} (last tagged {s.LatestVersion}{StagedNote(s)})" + string.Concat(s.ChangedInputs.Select(c => $"\n    modified: {c}")));
        Section(statuses, ComponentStage.Staged, "staged components (tagged, not yet exported to their primary scope; run 'dotnet bit export'):", s => $"{s.Id} {string.Join(", ", s.StagedVersions)}{ScopeNote(s)}");
        Section(statuses, ComponentStage.UpToDate, "up to date:", s => $"{s.DisplayName} {s.LatestVersion}");
        var pending = statuses.Where(s => s.PendingAutoTagBecause.Count > 0).ToList();
        if (pending.Count > 0)
        {
            Console.Out.WriteLine("pending auto-tag (the next 'dotnet bit tag' tags them too, so they depend on the new versions):");
            foreach (var s in pending)
            {
                Console.Out.WriteLine($"  {s.Id}, because {string.Join(", ", s.PendingAutoTagBecause)} changed");
            }
        }

        Section(statuses, ComponentStage.NotDeclared, "in .bitmap but no longer declared by a BitComponent item:", s => s.Id);
        return ExitCodes.Success;
    }

    private static string StagedNote(ComponentStatus s) => s.HasStagedVersions ? $", staged {string.Join(", ", s.StagedVersions)}" : string.Empty;

    private static string ScopeNote(ComponentStatus s)
    {
        if (s.PrimaryScope is not null && s.StagedVersionsExportedTo.Count > 0)
        {
            return $" (exported to {string.Join(", ", s.StagedVersionsExportedTo)}; not yet to its primary scope {s.PrimaryScope})";
        }

        if (s.PrimaryScope is not null)
        {
            return $" (primary scope {s.PrimaryScope})";
        }

        return s.PendingScope is null ? " (no scope yet: name one on export or set BitDefaultScope)" : $" (first export goes to {s.PendingScope})";
    }

    private void Section(IReadOnlyList<ComponentStatus> statuses, ComponentStage stage, string title, Func<ComponentStatus, string> line)
    {
        var matching = statuses.Where(s => s.Stage == stage).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        Console.Out.WriteLine(title);
        foreach (var status in matching)
        {
            Console.Out.WriteLine("  " + line(status));
        }
    }
}
