using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Output;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool;

/// <summary>
/// Prints engine progress. On a terminal, progress overwrites one line; when output is redirected (CI logs, the MSBuild
/// task) every step is a plain line. Warnings go to stderr as <c>warning BIT####: …</c>, the form MSBuild recognises.
/// With --json, messages go to stderr so stdout holds only the JSON document.
/// </summary>
internal sealed class ConsoleLog(IConsole console, bool quietStdout) : IOperationLog
{
    private bool progressLineOpen;

    private TextWriter Messages => quietStdout ? console.Error : console.Out;

    public void Info(string message)
    {
        EndProgressLine();
        Messages.WriteLine(message);
    }

    public void Warning(string code, string message, string? file = null)
    {
        EndProgressLine();
        console.Error.WriteLine($"{(file is null ? "" : file + " : ")}warning {code}: {message}");
    }

    public void Progress(int current, int total, string message)
    {
        var text = $"[{current}/{total}] {message}";
        if (!quietStdout && !console.IsOutputRedirected)
        {
            var width = Math.Max(20, SafeWindowWidth() - 1);
            console.Out.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
            progressLineOpen = true;
            if (current == total)
            {
                EndProgressLine();
            }
        }
        else
        {
            Messages.WriteLine(text);
        }
    }

    private void EndProgressLine()
    {
        if (progressLineOpen)
        {
            console.Out.WriteLine();
            progressLineOpen = false;
        }
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return System.Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    public static void WriteError(TextWriter stderr, BitException ex)
    {
        var location = ex.File is null ? "" : ex.Line > 0 ? $"{ex.File}({ex.Line},{ex.Column}) : " : $"{ex.File} : ";
        stderr.WriteLine($"{location}error {ex.Code}: {ex.Message}");
    }
}
