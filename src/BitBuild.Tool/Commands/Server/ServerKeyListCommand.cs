using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("list", Description = "List API keys (ids, scopes and rights; never the keys).")]
internal sealed class ServerKeyListCommand : ServerRootCommand
{
    public int OnExecute(IConsole console)
    {
        foreach (var key in new ApiKeyStore(new ServerPaths(ResolvedRoot)).List())
        {
            console.Out.WriteLine($"{key.KeyId}  {key.Scope}  {key.Rights.ToString().ToLowerInvariant()}  created {key.Created:yyyy-MM-dd HH:mm}");
        }

        return ExitCodes.Success;
    }
}
