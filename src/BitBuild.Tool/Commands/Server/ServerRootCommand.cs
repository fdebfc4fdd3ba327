using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands.Server;

/// <summary>The server root every server command shares: --root, else BIT_SERVER_ROOT, else ~/.bitbuild/server.</summary>
internal abstract class ServerRootCommand
{
    [Option("--root <DIR>", Description = "The server's storage folder (default: $BIT_SERVER_ROOT, else ~/.bitbuild/server).")]
    public string? Root { get; set; }

    protected string ResolvedRoot
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("BIT_SERVER_ROOT");
            var root = Root ?? (string.IsNullOrEmpty(fromEnvironment)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".bitbuild", "server")
                : fromEnvironment);
            return Path.GetFullPath(root);
        }
    }
}
