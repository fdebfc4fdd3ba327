using System.Text.Json;
using System.Text.Json.Serialization;
using BitBuild.Engine.Workspaces;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

/// <summary>What every command that works on a workspace shares: where the workspace is, JSON output, the console.</summary>
internal abstract class WorkspaceCommand
{
    [Option("-C|--workspace <DIR>", Description = "Run in this folder instead of the current one (the workspace is found from there upwards).")]
    public string? WorkspaceFolder { get; set; }

    protected IConsole Console { get; private set; } = null!;

    protected string StartFolder => Path.GetFullPath(WorkspaceFolder ?? Directory.GetCurrentDirectory());

    protected Workspace FindWorkspace() => Workspace.Find(StartFolder);

    protected static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    protected void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    protected ConsoleLog CreateLog(bool json) => new(Console, quietStdout: json);

    public int OnExecute(CommandLineApplication app, IConsole console)
    {
        Console = console;
        return Execute(app);
    }

    protected abstract int Execute(CommandLineApplication app);
}
