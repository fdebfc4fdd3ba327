using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Remotes;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("remove", Description = "Remove a remote scope's BitRemote item (the scope's packages are not touched).")]
internal sealed class RemoteRemoveCommand : WorkspaceCommand
{
    [Argument(0, "name", Description = "The scope name.")]
    public string? Name { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        if (Name is null)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Usage: dotnet bit remote remove NAME.") { IsUsageError = true };
        }

        RemoteManager.Remove(FindWorkspace(), Name);
        Console.Out.WriteLine($"removed remote scope {Name}");
        return ExitCodes.Success;
    }
}
