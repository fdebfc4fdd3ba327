using BitBuild.MSBuild.Tests.Infrastructure;
using BitBuild.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BitBuild.MSBuild.Tests.Tasks;

/// <summary>The BitCli task against a fake CLI: what it starts, and how the CLI's output becomes MSBuild errors and warnings.</summary>
public class BitCliTaskTests
{
    private static (BitCli Task, RecordingBuildEngine Engine) Create(FakeCli cli, string command = "export", params string[] arguments)
    {
        var engine = new RecordingBuildEngine();
        var task = new BitCli
        {
            BuildEngine = engine,
            ToolPath = cli.ToolPath,
            DotNetHostPath = cli.HostPath,
            Command = command,
            Arguments = [.. arguments.Select(a => (ITaskItem)new TaskItem(a))],
            WorkspaceRoot = cli.Folder,
        };
        return (task, engine);
    }

    [Fact]
    public void Success_logs_stdout_as_messages_and_returns_true()
    {
        using var cli = new FakeCli("""
            echo "[1/2] exporting utils/string"
            echo "2 components were exported to scope user.col"
            exit 0
            """);
        var (task, engine) = Create(cli);

        Assert.True(task.Execute());
        Assert.Equal(0, task.ExitCode);
        Assert.Empty(engine.Errors);
        var result = Assert.Single(engine.Messages, m => m.Message == "2 components were exported to scope user.col");
        Assert.Equal(MessageImportance.High, result.Importance);
        Assert.Contains(engine.Messages, m => m.Message == "[1/2] exporting utils/string" && m.Importance == MessageImportance.Normal);
    }

    [Fact]
    public void Passes_command_arguments_as_they_are_then_the_workspace_root()
    {
        using var cli = new FakeCli("""
            for a in "$@"; do echo "$a" >> "$(dirname "$0")/args.txt"; done
            """);
        var (task, _) = Create(cli, "tag", "utils/*", "1.0.0", "-m", "a message; with semicolon");

        Assert.True(task.Execute());
        Assert.Equal(["tag", "utils/*", "1.0.0", "-m", "a message; with semicolon", "-C", cli.Folder], File.ReadAllLines(cli.ArgumentsFile));
    }

    [Fact]
    public void Coded_errors_and_warnings_become_msbuild_diagnostics_with_location()
    {
        using var cli = new FakeCli("""
            echo "/ws/BitWorkspace.props : warning BIT3006: scope user.col is slow" >&2
            echo "/ws/.bitmap(3,7) : error BIT1003: /ws/.bitmap is not valid JSON" >&2
            echo "  fix it by hand" >&2
            exit 1
            """);
        var (task, engine) = Create(cli);

        Assert.False(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("BIT3006", warning.Code);
        Assert.Equal("/ws/BitWorkspace.props", warning.File);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("BIT1003", error.Code);
        Assert.Equal("/ws/.bitmap", error.File);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(7, error.ColumnNumber);
        Assert.StartsWith("/ws/.bitmap is not valid JSON", error.Message);
        Assert.Contains("fix it by hand", error.Message);
    }

    [Fact]
    public void Failure_without_a_coded_error_is_BIT0004()
    {
        using var cli = new FakeCli("""
            echo "something went wrong" >&2
            exit 3
            """);
        var (task, engine) = Create(cli);

        Assert.False(task.Execute());
        Assert.Equal(3, task.ExitCode);
        Assert.Equal("BIT0004", Assert.Single(engine.Errors).Code);
        Assert.Contains(engine.Messages, m => m.Message == "something went wrong");
    }

    [Fact]
    public void Warnings_alone_do_not_fail_the_task()
    {
        using var cli = new FakeCli("""
            echo "warning BIT3006: slow" >&2
            exit 0
            """);
        var (task, engine) = Create(cli);

        Assert.True(task.Execute());
        Assert.Equal("BIT3006", Assert.Single(engine.Warnings).Code);
    }

    [Fact]
    public void Missing_dotnet_10_runtime_is_BIT0002_naming_the_way_out()
    {
        using var cli = new FakeCli("""
            echo "You must install or update .NET to run this application." >&2
            echo "The framework 'Microsoft.NETCore.App', version '10.0.0' (x64) was not found." >&2
            exit 150
            """);
        var (task, engine) = Create(cli);

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("BIT0002", error.Code);
        Assert.Contains(".NET 10", error.Message);
        Assert.Contains("BitDotNetHostPath", error.Message);
    }

    [Fact]
    public void Missing_tool_is_BIT0003()
    {
        using var cli = new FakeCli("exit 0");
        var (task, engine) = Create(cli);
        task.ToolPath = Path.Combine(cli.Folder, "nope", "dotnet-bit.dll");

        Assert.False(task.Execute());
        Assert.Equal("BIT0003", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Host_that_cannot_start_is_BIT0005()
    {
        using var cli = new FakeCli("exit 0");
        var (task, engine) = Create(cli);
        task.DotNetHostPath = Path.Combine(cli.Folder, "no-such-dotnet");

        Assert.False(task.Execute());
        Assert.Equal("BIT0005", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancel_kills_the_cli()
    {
        using var cli = new FakeCli("""
            echo started
            sleep 60
            echo never
            """);
        var (task, engine) = Create(cli);
        var run = System.Threading.Tasks.Task.Run(task.Execute);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!run.IsCompleted && DateTime.UtcNow < deadline && !engine.HasMessage("started"))
        {
            Thread.Sleep(50);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        task.Cancel();
        var first = await System.Threading.Tasks.Task.WhenAny(run, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(ReferenceEquals(first, run), "the task did not return after Cancel");
        Assert.False(await run);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.False(engine.HasMessage("never"));
    }

    [Fact]
    public void Host_defaults_to_DOTNET_HOST_PATH_then_dotnet()
    {
        var task = new BitCli { DotNetHostPath = "" };
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var expected = !string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment) ? fromEnvironment : "dotnet";
        Assert.Equal(expected, task.ResolveHost());
    }
}
