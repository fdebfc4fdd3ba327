using System.Text.Json;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>status shows, as Bit does, the dependents the next tag will auto-tag, and why.</summary>
public sealed class PendingAutoTagStatusTests
{
    [Fact]
    public void Status_lists_the_dependents_the_next_tag_will_auto_tag_and_the_tag_does()
    {
        using var ws = new TempWorkspace("pending-auto-tag");
        SampleComponents.Create(ws);
        CliAssert.Succeeded(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.DoesNotContain("pending auto-tag", CliAssert.Succeeded(BitCli.Bit(ws.Root, "status")).StandardOutput);

        File.AppendAllText(ws.PathOf("src/utils/string/Utils.String.cs"), "\n// changed\n");
        var status = CliAssert.Succeeded(BitCli.Bit(ws.Root, "status")).StandardOutput;

        Assert.Contains("pending auto-tag", status);
        Assert.Contains("  hello/world, because utils/string changed", status);
        Assert.Contains("  hello/app-kit, because hello/world changed", status);
        using (var json = JsonDocument.Parse(CliAssert.Succeeded(BitCli.Bit(ws.Root, "status", "--json")).StandardOutput))
        {
            var byId = json.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
            Assert.True(byId[SampleComponents.HelloWorld].GetProperty("pendingAutoTag").GetBoolean());
            Assert.Equal(["utils/string"], byId[SampleComponents.HelloWorld].GetProperty("pendingAutoTagBecause").EnumerateArray().Select(e => e.GetString()));
            Assert.False(byId[SampleComponents.UtilsString].GetProperty("pendingAutoTag").GetBoolean());
        }

        var tag = CliAssert.Succeeded(BitCli.Bit(ws.Root, "tag"));
        Assert.Contains("2 dependents were auto-tagged", tag.StandardOutput);
        Assert.DoesNotContain("pending auto-tag", CliAssert.Succeeded(BitCli.Bit(ws.Root, "status")).StandardOutput);
    }
}
