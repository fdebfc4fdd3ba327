using System.Collections.Concurrent;
using System.Diagnostics;
using BitBuild.Engine.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace BitBuild.Tasks;

/// <summary>
/// Runs one dotnet bit command (<c>dotnet exec --roll-forward Major dotnet-bit.dll &lt;command&gt; … -C &lt;root&gt;</c>) as a
/// child process and re-logs what it prints: its <c>error/warning BIT####</c> lines as real MSBuild errors and warnings
/// (code, file, line), everything else as messages. The engine is net10.0 and uses NuGet's libraries, so it never loads
/// into MSBuild's process (where the SDK's own NuGet would clash with it); this task only starts it.
/// </summary>
public sealed class BitCli : MSBuildTask, ICancelableTask
{
    private readonly object processLock = new();
    private Process? process;
    private bool cancelled;

    /// <summary>The tool's dll (the package's tools/net10.0/any/dotnet-bit.dll unless BitToolPath overrides it).</summary>
    [Required]
    public string ToolPath { get; set; } = string.Empty;

    /// <summary>The dotnet host; empty means DOTNET_HOST_PATH (set by the SDK for the build), else dotnet on PATH.</summary>
    public string? DotNetHostPath { get; set; }

    /// <summary>The command: tag, export, eject or status.</summary>
    [Required]
    public string Command { get; set; } = string.Empty;

    /// <summary>The command's arguments, one per item, passed as they are (no shell, no quoting).</summary>
    public ITaskItem[] Arguments { get; set; } = [];

    /// <summary>The workspace root, passed as -C so the CLI finds the same workspace whatever the current folder.</summary>
    [Required]
    public string WorkspaceRoot { get; set; } = string.Empty;

    /// <summary>Extra environment variables for the CLI, as NAME=VALUE items.</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    [Output]
    public int ExitCode { get; private set; } = -1;

    public override bool Execute()
    {
        if (!File.Exists(ToolPath))
        {
            Log.LogError(null, DiagnosticCodes.EngineNotFound, DiagnosticCodes.EngineNotFound, null, 0, 0, 0, 0,
                "The dotnet bit engine was not found at '{0}'. Restore the BitBuild package again (dotnet restore --force), or point BitToolPath at a built dotnet-bit.dll.",
                ToolPath);
            return false;
        }

        var host = ResolveHost();
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = WorkspaceRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in CommandLine())
        {
            info.ArgumentList.Add(argument);
        }

        ConfigureEnvironment(info);
        Log.LogMessage(MessageImportance.Normal, "BitBuild: running dotnet bit {0} ({1} {2})", Command, host, string.Join(" ", info.ArgumentList.Select(Quote)));

        var lines = new BlockingCollection<(bool IsError, string Line)>();
        var output = new CliOutputLogger(Log);
        try
        {
            lock (processLock)
            {
                if (cancelled)
                {
                    return false;
                }

                process = new Process { StartInfo = info };
                process.OutputDataReceived += (_, e) => Add(lines, false, e.Data);
                process.ErrorDataReceived += (_, e) => Add(lines, true, e.Data);
                process.Start();
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var finisher = System.Threading.Tasks.Task.Run(() =>
            {
                // WaitForExit() without a timeout also waits for both output streams to be read to the end.
                process.WaitForExit();
                lines.CompleteAdding();
            });

            // Log on this thread only: MSBuild's logging is meant to be called from the task's own thread.
            foreach (var (isError, line) in lines.GetConsumingEnumerable())
            {
                if (isError)
                {
                    output.StandardErrorLine(line);
                }
                else
                {
                    output.StandardOutputLine(line);
                }
            }

            finisher.Wait();
            output.Flush();
            ExitCode = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Log.LogError(null, DiagnosticCodes.EngineCouldNotStart, DiagnosticCodes.EngineCouldNotStart, null, 0, 0, 0, 0,
                "Could not start '{0}' to run the dotnet bit engine: {1}. Set BitDotNetHostPath (or DOTNET_HOST_PATH) to the dotnet executable of a .NET 10 SDK or runtime.",
                host, ex.Message);
            return false;
        }
        finally
        {
            lock (processLock)
            {
                process?.Dispose();
                process = null;
            }
        }

        if (cancelled)
        {
            Log.LogMessage(MessageImportance.High, "BitBuild: dotnet bit {0} was cancelled.", Command);
            return false;
        }

        if (ExitCode != 0 && CliOutputParser.IsMissingRuntime(ExitCode, output.StandardError))
        {
            Log.LogError(null, DiagnosticCodes.EngineRuntimeMissing, DiagnosticCodes.EngineRuntimeMissing, null, 0, 0, 0, 0,
                "BitBuild's engine needs the .NET 10 runtime, which '{0}' does not have. Install the .NET 10 SDK (or at least the .NET 10 runtime) next to it, " +
                "or set BitDotNetHostPath to a dotnet executable that has .NET 10; the build itself may keep using an older SDK.",
                host);
        }
        else if (ExitCode != 0 && output.ErrorCount == 0)
        {
            Log.LogError(null, DiagnosticCodes.EngineFailed, DiagnosticCodes.EngineFailed, null, 0, 0, 0, 0,
                "dotnet bit {0} failed with exit code {1} without reporting an error; its output is above (run the build with -v:n to see all of it).",
                Command, ExitCode);
        }

        return !Log.HasLoggedErrors;
    }

    public void Cancel()
    {
        lock (processLock)
        {
            cancelled = true;
            try
            {
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
    }

    internal IReadOnlyList<string> CommandLine()
    {
        // --roll-forward Major: the tool is net10.0; a later major runtime runs it too.
        var args = new List<string> { "exec", "--roll-forward", "Major", ToolPath, Command };
        args.AddRange(Arguments.Select(a => a.ItemSpec));
        args.Add("-C");
        args.Add(WorkspaceRoot);
        return args;
    }

    internal string ResolveHost()
    {
        if (!string.IsNullOrWhiteSpace(DotNetHostPath))
        {
            return DotNetHostPath!;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment) ? fromEnvironment : "dotnet";
    }

    private void ConfigureEnvironment(ProcessStartInfo info)
    {
        // Variables MSBuild sets for its own nodes and tasks; the engine starts its own MSBuild runs and must not inherit them.
        foreach (var name in new[] { "MSBUILDNOINPROCNODE", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        foreach (var item in EnvironmentVariables)
        {
            var text = item.ItemSpec;
            var equals = text.IndexOf('=');
            if (equals > 0)
            {
                info.Environment[text[..equals]] = text[(equals + 1)..];
            }
        }
    }

    private static void Add(BlockingCollection<(bool, string)> lines, bool isError, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            lines.Add((isError, line));
        }
        catch (InvalidOperationException)
        {
            // Completed already: a line raced the end of the process; nothing is waiting for it.
        }
    }

    private static string Quote(string argument) => argument.Length == 0 || argument.Contains(' ') ? "\"" + argument + "\"" : argument;
}
