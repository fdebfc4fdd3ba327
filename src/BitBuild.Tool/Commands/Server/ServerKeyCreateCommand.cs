using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

[Command("create", Description = "Create an API key for one scope and print it (once).")]
internal sealed class ServerKeyCreateCommand : ServerRootCommand
{
    [Option("--scope <SCOPE>", Description = "The scope the key is for.")]
    public string Scope { get; set; } = string.Empty;

    [Option("--rights <RIGHTS>", Description = "read or write (write includes read).")]
    public string Rights { get; set; } = string.Empty;

    [Option("--json", Description = "Write {\"scope\",\"rights\",\"key\"} as JSON.")]
    public bool Json { get; set; }

    public int OnExecute(IConsole console)
    {
        Usage.Require(Scope, "--scope SCOPE");
        Usage.Require(Rights, "--rights read|write");
        Engine.Naming.ScopeName.ValidateArgument(Scope, "--scope");
        // Checked here rather than with [AllowedValues]: a subcommand's validation error would exit 1, usage errors exit 2.
        var rights = Rights.ToLowerInvariant() switch
        {
            "write" => KeyRights.Write,
            "read" => KeyRights.Read,
            _ => throw new Engine.Diagnostics.BitException(Engine.Diagnostics.DiagnosticCodes.InvalidArguments, $"--rights must be read or write, not '{Rights}'") { IsUsageError = true },
        };
        var key = new ApiKeyStore(new ServerPaths(ResolvedRoot)).Create(Scope, rights);
        if (Json)
        {
            console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { scope = Scope, rights = rights.ToString().ToLowerInvariant(), key }));
        }
        else
        {
            console.Error.WriteLine($"created a {rights.ToString().ToLowerInvariant()} key for scope {Scope}; it is shown only now, store it safely:");
            console.Out.WriteLine(key);
        }

        return ExitCodes.Success;
    }
}
