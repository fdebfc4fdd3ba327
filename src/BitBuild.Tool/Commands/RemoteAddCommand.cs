using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Remotes;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("add", Description = "Add a remote scope: a folder (absolute or relative to the workspace root), a file:// URL, or an https://…/index.json NuGet v3 source.")]
internal sealed class RemoteAddCommand : WorkspaceCommand
{
    [Argument(0, "name", Description = "The scope name, e.g. user.my-collection.")]
    public string? Name { get; set; }

    [Argument(1, "source", Description = "Where the scope's packages live.")]
    public string? Source { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        if (Name is null || Source is null)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Usage: dotnet bit remote add NAME SOURCE, e.g. 'dotnet bit remote add user.my-collection ../feeds/my-collection'.") { IsUsageError = true };
        }

        var remote = RemoteManager.Add(FindWorkspace(), Name, Source);
        Console.Out.WriteLine($"added remote scope {remote.Name} ({remote.Location})");
        return ExitCodes.Success;
    }
}
