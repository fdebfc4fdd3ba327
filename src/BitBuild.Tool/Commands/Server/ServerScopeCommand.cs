using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("scope", Description = "Manage the server's scopes.")]
[Subcommand(typeof(ServerScopeCreateCommand), typeof(ServerScopeListCommand))]
internal sealed class ServerScopeCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
