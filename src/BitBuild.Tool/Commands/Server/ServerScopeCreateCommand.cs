using BitBuild.Server.Storage;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("create", Description = "Create a scope (a NuGet feed at /{scope}/v3/index.json). Public scopes are readable by anyone.")]
internal sealed class ServerScopeCreateCommand : ServerRootCommand
{
    [Argument(0, "name", Description = "The scope name, e.g. owner.collection.")]
    public string Name { get; set; } = string.Empty;

    [Option("--public", Description = "Anyone may read the scope (the default).")]
    public bool Public { get; set; }

    [Option("--private", Description = "Only holders of a read or write key may read the scope.")]
    public bool Private { get; set; }

    public int OnExecute(IConsole console)
    {
        Usage.Require(Name, "the scope name");
        Engine.Naming.ScopeName.ValidateArgument(Name, "the scope to create");
        if (Public && Private)
        {
            throw new Engine.Diagnostics.BitException(Engine.Diagnostics.DiagnosticCodes.InvalidArguments, "give --public or --private, not both") { IsUsageError = true };
        }

        new ScopeStore(new ServerPaths(ResolvedRoot)).CreateScope(Name, isPublic: !Private);
        console.Out.WriteLine($"created {(Private ? "private" : "public")} scope {Name} in {ResolvedRoot}");
        return ExitCodes.Success;
    }
}
