using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BitBuild.Engine.Output;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// Progress of tag's one MSBuild run, read from MSBuild's own output lines: each project (and framework) built, each
/// package packed, with the time elapsed, and while MSBuild is silent (a long compile, a slow versioning package) a line
/// every <see cref="HeartbeatInterval"/> saying what is still being built. The lines go to the operation log, which shows
/// them as one updating line on a terminal and as plain lines in CI logs. Thread-safe: MSBuild's output arrives on
/// another thread than the heartbeat.
/// </summary>
internal sealed partial class PackProgress : IDisposable
{
    private readonly IOperationLog log;
    private readonly IReadOnlyList<string> components;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Timer heartbeat;
    private readonly Lock gate = new();
    private int packed;

    public PackProgress(IOperationLog log, IReadOnlyList<string> components)
    {
        this.log = log;
        this.components = components;
        heartbeat = new Timer(_ => Beat(), null, HeartbeatInterval, HeartbeatInterval);
    }

    /// <summary>30 s, or BIT_PROGRESS_SECONDS (tests shorten it).</summary>
    public static TimeSpan HeartbeatInterval { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BIT_PROGRESS_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(30);

    public void OnOutputLine(string line)
    {
        lock (gate)
        {
            // Pack prints "Successfully created package '…'" once per package, and once more per symbol package (.snupkg),
            // which is no component of its own.
            if (line.Contains("Successfully created package", StringComparison.Ordinal) && !line.Contains(".snupkg", StringComparison.OrdinalIgnoreCase))
            {
                packed = Math.Min(packed + 1, components.Count);
                var name = Path.GetFileName(line.Trim().TrimEnd('.').Trim('\'')).Replace(".nupkg'", string.Empty).TrimEnd('\'', '.');
                log.Progress(packed, components.Count, $"packed {name} ({Elapsed()})");
            }
            else if (BuiltLine().Match(line) is { Success: true } built && packed < components.Count)
            {
                // "  Utils.String -> /…/bin/Release/net8.0/Utils.String.dll": one project built for one framework.
                var framework = Path.GetFileName(Path.GetDirectoryName(built.Groups["output"].Value.Trim()));
                log.Progress(packed, components.Count, $"built {built.Groups["project"].Value} ({framework}, {Elapsed()})");
            }
        }
    }

    private void Beat()
    {
        lock (gate)
        {
            if (packed < components.Count)
            {
                log.Progress(packed, components.Count, $"still building and packing {string.Join(", ", components)} ({Elapsed()})");
            }
        }
    }

    private string Elapsed()
    {
        var elapsed = clock.Elapsed;
        return elapsed.TotalMinutes >= 1
            ? $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s elapsed"
            : $"{elapsed.Seconds} s elapsed";
    }

    public void Dispose() => heartbeat.Dispose();

    [GeneratedRegex(@"^\s+(?<project>[^\s>]+) -> (?<output>/.+|[A-Za-z]:\\.+)$")]
    private static partial Regex BuiltLine();
}
