using BitBuild.Engine.Remotes;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("list", Description = "List the workspace's remote scopes.")]
internal sealed class RemoteListCommand : WorkspaceCommand
{
    [Option("--json", Description = "Write the list as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var remotes = RemoteManager.List(FindWorkspace());
        if (Json)
        {
            WriteJson(remotes.Select(r => new { name = r.Name, source = r.Source, kind = r.Kind, location = r.Location }));
            return ExitCodes.Success;
        }

        if (remotes.Count == 0)
        {
            Console.Out.WriteLine("no remotes; add one with 'dotnet bit remote add NAME SOURCE' (a NuGet.Config source named like the scope works too)");
            return ExitCodes.Success;
        }

        var width = remotes.Max(r => r.Name.Length);
        foreach (var r in remotes)
        {
            Console.Out.WriteLine($"{r.Name.PadRight(width)}  {r.Location}");
        }

        return ExitCodes.Success;
    }
}
