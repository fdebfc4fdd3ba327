using BitBuild.Engine.Components;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("add", Description = "Declare projects as components (BitComponent items in BitWorkspace.props).")]
internal sealed class AddCommand : WorkspaceCommand
{
    [Argument(0, "paths", Description = "Project files, or folders holding one project each.")]
    public string[] Paths { get; set; } = [];

    [Option("--id <ID>", Description = "The component id (default: derived from the folder: src/hello/world -> hello/world, src/Polly.Core -> polly/core).")]
    public string? Id { get; set; }

    [Option("--scope <SCOPE>", Description = "The scope this component goes to on its first export (Scope metadata).")]
    public string? Scope { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var added = ComponentAdder.Add(FindWorkspace(), Paths, Id, Scope, StartFolder);
        foreach (var component in added)
        {
            // The package id is what consumers will type in 'dotnet add package': shown now, before the first tag, so an id
            // that reads wrong is changed (--id) while nothing depends on it yet.
            Console.Out.WriteLine(component.PackageId is null
                ? $"added component {component.Id} ({component.Project}); no scope yet: give one with --scope or init --default-scope"
                : $"added component {component.Id} ({component.Project}) -> package {component.PackageId} in scope {component.Scope}");
        }

        Console.Out.WriteLine(added.Count == 1 ? "1 component was added" : $"{added.Count} components were added");
        return ExitCodes.Success;
    }
}
