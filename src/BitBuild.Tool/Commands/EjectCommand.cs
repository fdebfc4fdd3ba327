using BitBuild.Engine.Eject;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("eject", Description = "Replace exported components by their packages: delete each component's project, point the projects that referenced it at its package in its scope, and restore.")]
internal sealed class EjectCommand : WorkspaceCommand
{
    [Argument(0, "ids", Description = "Component ids or patterns (e.g. hello/*) of components exported to their primary scope.")]
    public string[] Ids { get; set; } = [];

    [Option("--dry-run", Description = "List the files that would change and the references that would be rewritten; change nothing.")]
    public bool DryRun { get; set; }

    [Option("--json", Description = "Write the result as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var log = CreateLog(Json);
        var result = EjectOperation.Run(FindWorkspace(), Ids, new EjectOptions(DryRun), log);
        if (Json)
        {
            WriteJson(result);
            return ExitCodes.Success;
        }

        Print(Console.Out, result);
        return ExitCodes.Success;
    }

    /// <summary>The human-readable report, shared with <c>export --eject</c>.</summary>
    internal static void Print(TextWriter output, EjectResult result)
    {
        if (result.DryRun)
        {
            output.WriteLine($"dry run: ejecting {string.Join(", ", result.Components.Select(c => c.Id))} would");
            foreach (var folder in result.RemovedFolders)
            {
                output.WriteLine($"  delete   {folder}/");
            }

            foreach (var file in result.ChangedFiles)
            {
                output.WriteLine($"  change   {file}");
            }

            foreach (var file in result.CreatedFiles)
            {
                output.WriteLine($"  create   {file}");
            }

            foreach (var rewrite in result.Rewrites)
            {
                output.WriteLine($"  rewrite  {rewrite.Project}: ProjectReference to {rewrite.Component} -> PackageReference {rewrite.PackageId} {rewrite.Version}{(rewrite.Central ? " (version in Directory.Packages.props)" : string.Empty)}");
            }

            if (result.RestoredProjects.Count > 0)
            {
                output.WriteLine($"  restore  {string.Join(", ", result.RestoredProjects)}");
            }

            output.WriteLine("nothing was changed (dry run)");
            return;
        }

        foreach (var component in result.Components)
        {
            output.WriteLine(component.ReferencedBy.Count == 0
                ? $"component {component.Id} was ejected: no workspace project referenced it; use the package {component.PackageId} {component.Version}"
                : $"component {component.Id} was ejected: {string.Join(", ", component.ReferencedBy)} now reference{(component.ReferencedBy.Count == 1 ? "s" : string.Empty)} {component.PackageId} {component.Version}");
        }
    }
}
