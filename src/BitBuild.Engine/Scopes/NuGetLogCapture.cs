using NuGet.Common;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// A NuGet logger that keeps errors, warnings and the messages that say a package already exists. NuGet's push can fail
/// without throwing (an insecure source: it logs an error and returns) and reports a skipped duplicate only through the
/// log, so the caller inspects what was captured.
/// </summary>
internal sealed class NuGetLogCapture : LoggerBase
{
    private readonly List<ILogMessage> messages = [];

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (messages)
            {
                return messages.Where(m => m.Level == LogLevel.Error).Select(m => m.Message).ToList();
            }
        }
    }

    public bool SawAlreadyExists
    {
        get
        {
            lock (messages)
            {
                return messages.Any(m => m.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase) || m.Message.Contains("409", StringComparison.Ordinal));
            }
        }
    }

    public void Clear()
    {
        lock (messages)
        {
            messages.Clear();
        }
    }

    public override void Log(ILogMessage message)
    {
        if (message.Level >= LogLevel.Information)
        {
            lock (messages)
            {
                messages.Add(message);
            }
        }
    }

    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}
