using BitBuild.Engine.Workspaces;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("init", Description = "Make this folder a BitBuild workspace: BitWorkspace.props (imported by Directory.Build.props), .bitmap, and the git-ignored local scope .bit/.")]
internal sealed class InitCommand : WorkspaceCommand
{
    [Option("--default-scope <SCOPE>", Description = "The scope components go to on their first export when no scope is named (BitDefaultScope).")]
    public string? DefaultScope { get; set; }

    [Option("--msbuild", Description = "Also reference the BitBuild MSBuild package from every project (targets BitTag, BitExport, BitEject, BitStatus).")]
    public bool MsBuild { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var result = WorkspaceInitializer.Initialize(StartFolder, DefaultScope, MsBuild);
        var log = CreateLog(json: false);
        foreach (var (code, message) in result.Warnings)
        {
            log.Warning(code, message);
        }

        if (result.AlreadyInitialised)
        {
            Console.Out.WriteLine($"{result.Workspace.Root} is already a BitBuild workspace; nothing changed.");
        }
        else
        {
            Console.Out.WriteLine($"Initialised a BitBuild workspace in {result.Workspace.Root} ({string.Join(", ", result.CreatedOrChanged)}).");
        }

        return ExitCodes.Success;
    }
}
