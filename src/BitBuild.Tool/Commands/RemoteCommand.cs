using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("remote", Description = "Manage remote scopes (BitRemote items): where each scope's packages go.")]
[Subcommand(typeof(RemoteAddCommand), typeof(RemoteRemoveCommand), typeof(RemoteListCommand))]
internal sealed class RemoteCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
