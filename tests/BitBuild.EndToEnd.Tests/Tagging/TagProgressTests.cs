using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>
/// A long tag says what it is doing: each project and framework built, each package packed, the time elapsed, and while
/// MSBuild is silent a line saying what is still being built (every 30 s; BIT_PROGRESS_SECONDS=1 here). Redirected
/// output, as in CI logs, gets each as a plain line.
/// </summary>
public sealed class TagProgressTests
{
    [Fact]
    public void Tag_reports_what_is_built_and_packed_with_the_time_elapsed()
    {
        using var ws = new TempWorkspace("tag-progress");
        SampleComponents.Create(ws, addComponents: false);
        var add = BitCli.Bit(ws.Root, "add", "src/utils/string", "src/hello/world");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);

        var tag = BitCli.Bit(ws.Root, new Dictionary<string, string?> { ["BIT_PROGRESS_SECONDS"] = "1" }, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        var lines = tag.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("[0/2] built Utils.String (net10.0, ", StringComparison.Ordinal) && l.EndsWith(" s elapsed)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[1/2] packed bitlocal.", StringComparison.Ordinal) && l.EndsWith(" s elapsed)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[2/2] packed bitlocal.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("] still building and packing utils/string, hello/world (", StringComparison.Ordinal));
    }
}
