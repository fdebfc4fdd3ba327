using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command(Name = "dotnet-bit", FullName = "dotnet bit", Description = "Bit-style components for .NET: tag projects into immutable versions and export them to remote scopes (NuGet feeds).")]
[Subcommand(typeof(InitCommand), typeof(AddCommand), typeof(StatusCommand), typeof(ListCommand), typeof(TagCommand), typeof(UntagCommand), typeof(ShowCommand), typeof(ExportCommand), typeof(RemoteCommand), typeof(EjectCommand))]
[Subcommand(typeof(Server.ServerCommand))]
internal sealed class BitCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
