using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("key", Description = "Manage API keys (stored hashed; a key is shown only when it is created).")]
[Subcommand(typeof(ServerKeyCreateCommand), typeof(ServerKeyListCommand))]
internal sealed class ServerKeyCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
