using BitBuild.Server.Storage;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("list", Description = "List the server's scopes.")]
internal sealed class ServerScopeListCommand : ServerRootCommand
{
    public int OnExecute(IConsole console)
    {
        var store = new ScopeStore(new ServerPaths(ResolvedRoot));
        foreach (var scope in store.ListScopes())
        {
            console.Out.WriteLine($"{scope}  {(store.Settings(scope).Public ? "public" : "private")}  {store.Catalog(scope).Entries.Count} package version(s)");
        }

        return ExitCodes.Success;
    }
}
