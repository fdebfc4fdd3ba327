using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BitBuild.Tasks;

/// <summary>
/// Turns the CLI's output, line by line, into MSBuild log events: diagnostic lines on stderr become errors and warnings
/// with their code, file and line; the lines that follow a diagnostic on stderr (details) are
/// part of its message; stdout is the human report and is logged as messages. Called on the task's thread only.
/// </summary>
internal sealed class CliOutputLogger(TaskLoggingHelper log)
{
    private readonly System.Text.StringBuilder stderrText = new();
    private CliDiagnostic? pending;
    private List<string>? pendingDetails;

    public int ErrorCount { get; private set; }

    public string StandardError => stderrText.ToString();

    public void StandardOutputLine(string line)
    {
        // Progress lines ("[2/3] packing hello/world") are detail; results ("2 components were exported …") are the point.
        var progress = line.StartsWith('[') && line.Length > 1 && char.IsDigit(line[1]);
        log.LogMessage(progress ? MessageImportance.Normal : MessageImportance.High, "{0}", line);
    }

    public void StandardErrorLine(string line)
    {
        stderrText.AppendLine(line);
        var diagnostic = CliOutputParser.TryParse(line);
        if (diagnostic is not null)
        {
            Flush();
            pending = diagnostic;
            pendingDetails = [];
            return;
        }

        if (pending is not null)
        {
            pendingDetails!.Add(line);
            return;
        }

        if (line.Length > 0)
        {
            log.LogMessage(MessageImportance.Normal, "{0}", line);
        }
    }

    public void Flush()
    {
        if (pending is null)
        {
            return;
        }

        var details = pendingDetails!;
        while (details.Count > 0 && details[^1].Length == 0)
        {
            details.RemoveAt(details.Count - 1);
        }

        var message = details.Count == 0 ? pending.Message : pending.Message + Environment.NewLine + string.Join(Environment.NewLine, details);
        if (pending.IsError)
        {
            log.LogError(null, pending.Code, pending.Code, pending.File, pending.Line, pending.Column, 0, 0, "{0}", message);
            ErrorCount++;
        }
        else
        {
            log.LogWarning(null, pending.Code, pending.Code, pending.File, pending.Line, pending.Column, 0, 0, "{0}", message);
        }

        pending = null;
        pendingDetails = null;
    }
}
