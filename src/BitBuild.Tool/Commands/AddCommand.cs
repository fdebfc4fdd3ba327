using BitBuild.Engine.Components;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("add", Description = "Declare projects as components (BitComponent items in BitWorkspace.props).")]
internal sealed class AddCommand : WorkspaceCommand
{
    [Argument(0, "paths", Description = "Project files, or folders holding one project each.")]
    public string[] Paths { get; set; } = [];

    [Option("--id <ID>", Description = "The component id (default: derived from the folder, e.g. src/hello/world -> hello/world).")]
    public string? Id { get; set; }

    [Option("--scope <SCOPE>", Description = "The scope this component goes to on its first export (Scope metadata).")]
    public string? Scope { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var added = ComponentAdder.Add(FindWorkspace(), Paths, Id, Scope, StartFolder);
        foreach (var component in added)
        {
            Console.Out.WriteLine($"added component {component.Id} ({component.Project})");
        }

        Console.Out.WriteLine(added.Count == 1 ? "1 component was added" : $"{added.Count} components were added");
        return ExitCodes.Success;
    }
}
