using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>Two real <c>dotnet bit tag</c> processes on one workspace at the same time.</summary>
public sealed class ConcurrentTagTests
{
    /// <summary>
    /// The waiting process must outlast the other's whole pack, which on a loaded 2-core machine can exceed the harness's
    /// 60-second default; this test is about waiting, not about the timeout (a unit test covers BIT1004).
    /// </summary>
    private static readonly Dictionary<string, string?> LockWaitsLong = new() { ["BIT_LOCK_TIMEOUT_SECONDS"] = "900" };

    [Fact]
    public async Task Two_tags_at_once_one_waits_and_bitmap_is_never_torn()
    {
        using var ws = new TempWorkspace("concurrent");
        SampleComponents.Create(ws);
        var start = new TaskCompletionSource();

        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return BitCli.Bit(ws.Root, LockWaitsLong, "tag");
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => CliAssert.Succeeded(r));
        var outputs = results.Select(r => r.CombinedOutput).ToList();
        Assert.Single(outputs, o => o.Contains("3 components were tagged", StringComparison.Ordinal));
        var second = Assert.Single(outputs, o => !o.Contains("3 components were tagged", StringComparison.Ordinal));
        Assert.Contains("waiting for another BitBuild command to release the workspace lock", second);
        Assert.Contains("nothing to tag", second);

        // .bitmap is whole, valid JSON holding exactly the one tag.
        foreach (var id in new[] { SampleComponents.UtilsString, SampleComponents.HelloWorld, SampleComponents.HelloAppKit })
        {
            Assert.Equal(["0.0.1"], BitmapJson.VersionNumbers(ws.Root, id));
        }

        Assert.Empty(Directory.GetFiles(ws.Root, ".bitmap*.tmp", SearchOption.TopDirectoryOnly));
    }
}
