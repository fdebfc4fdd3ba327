using BitBuild.Engine.Tagging;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("untag", Description = "Remove a tagged version that was never exported (the latest, or the VERSION given).")]
internal sealed class UntagCommand : WorkspaceCommand
{
    [Argument(0, "args", Description = "Component ids, optionally followed by a VERSION.")]
    public string[] Arguments { get; set; } = [];

    protected override int Execute(CommandLineApplication app)
    {
        var (ids, version) = IdsAndVersion.Split(Arguments);

        foreach (var untagged in UntagOperation.Run(FindWorkspace(), ids, version))
        {
            Console.Out.WriteLine($"untagged {untagged.Id}@{untagged.Version}");
        }

        return ExitCodes.Success;
    }
}
