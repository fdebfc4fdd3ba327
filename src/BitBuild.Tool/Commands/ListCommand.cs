using BitBuild.Engine.Discovery;
using BitBuild.Engine.Status;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("list", Description = "List the workspace's components as scope/id with their latest version.")]
internal sealed class ListCommand : WorkspaceCommand
{
    [Argument(0, "scope", Description = "Only components whose primary scope is this one.")]
    public string? Scope { get; set; }

    [Option("--json", Description = "Write the list as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var workspace = FindWorkspace();
        // The same description status uses (cached), so list calls a component modified exactly when status does.
        var (declarations, projects) = DescriptionCache.Evaluate(workspace);
        var statuses = WorkspaceStatus.Compute(workspace, declarations, workspace.ReadBitmap(), projects)
            .Where(s => s.Stage != ComponentStage.NotDeclared)
            .Where(s => Scope is null || s.PrimaryScope == Scope)
            .ToList();
        if (Json)
        {
            WriteJson(statuses.Select(s => new
            {
                id = s.Id,
                name = s.DisplayName,
                version = s.LatestVersion,
                scope = s.PrimaryScope,
                exported = s.Exported,
                status = s.Stage,
                project = s.ProjectPath is null ? null : workspace.Relative(s.ProjectPath),
            }));
            return ExitCodes.Success;
        }

        if (statuses.Count == 0)
        {
            Console.Out.WriteLine(Scope is null ? "no components" : $"no components in scope {Scope}");
            return ExitCodes.Success;
        }

        var width = statuses.Max(s => s.DisplayName.Length);
        foreach (var s in statuses)
        {
            var version = s.LatestVersion ?? "(not tagged)";
            var exported = s.Exported ? "exported" : s.LatestVersion is null ? "new" : "staged";
            Console.Out.WriteLine($"{s.DisplayName.PadRight(width)}  {version,-14} {exported}");
        }

        return ExitCodes.Success;
    }
}
