using System.Diagnostics;
using BitBuild.Engine.Processes;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>
/// `dotnet dotnet-bit.dll server` as a separate process (the tool is built next to the tests), so a test can SIGKILL it.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static string ToolDll => Path.Combine(AppContext.BaseDirectory, "dotnet-bit.dll");

    public static ServerProcess Start(string root, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotNetCli.HostPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ToolDll, "server", "--root", root, "--urls", "http://127.0.0.1:0" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("listening on ", StringComparison.Ordinal) == true)
            {
                address.TrySetResult(new Uri(e.Data["listening on ".Length..]));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!address.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet bit server did not report its address within 30 s");
        }

        return new ServerProcess(process, address.Task.Result);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
