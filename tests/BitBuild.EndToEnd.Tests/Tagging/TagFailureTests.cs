using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>Bad input and broken workspaces: a BIT#### error, a non-zero exit, and nothing lost.</summary>
public sealed class TagFailureTests
{
    [Fact]
    public void A_component_whose_build_fails_shows_the_compiler_error_and_records_nothing()
    {
        using var ws = new TempWorkspace("build-fails");
        SampleComponents.Create(ws);
        ws.Write("src/hello/world/Hello.World.cs", "namespace Hello.World;\npublic static class Greeter { public static string Greet(string name) => undefinedThing; }\n");
        var before = WorkspaceSnapshot.Take(ws.Root);

        var result = CliAssert.Failed(BitCli.Bit(ws.Root, "tag"), "BIT2003");

        Assert.Contains("nothing was tagged", result.StandardError);
        Assert.Contains("Hello.World.cs(2,", result.StandardError);
        Assert.Contains("error CS0103", result.StandardError);
        Assert.Contains("undefinedThing", result.StandardError);
        before.AssertUnchanged(ws.Root);
        Assert.Empty(Directory.GetFiles(ws.PathOf(".bit"), "*.nupkg", SearchOption.AllDirectories));
        Assert.All(StatusJson.Stages(ws.Root).Values, s => Assert.Equal("new", s));
    }

    [Fact]
    public void A_corrupt_bitmap_is_reported_with_its_position_and_never_overwritten()
    {
        using var ws = new TempWorkspace("corrupt");
        SampleComponents.Create(ws);
        var corrupt = "{\n  \"format\": 1,\n  \"components\": {\n<<<<<<< HEAD\n  }\n}\n";
        ws.Write(".bitmap", corrupt);
        var bitmap = ws.PathOf(".bitmap");

        foreach (var command in new[] { new[] { "tag" }, ["status"], ["list"], ["untag", "hello/world"] })
        {
            var result = CliAssert.Failed(BitCli.Bit(ws.Root, command), "BIT1003");
            Assert.Contains($"{bitmap}(4,1) : error BIT1003:", result.StandardError);
            Assert.Contains("line 4, column 1", result.StandardError);
        }

        CliAssert.Succeeded(BitCli.Bit(ws.Root, "init"));
        Assert.Equal(corrupt, ws.Read(".bitmap"));
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages")), "nothing was packed");
    }

    [Fact]
    public void A_bitmap_from_a_newer_BitBuild_is_BIT1012_and_left_alone()
    {
        using var ws = new TempWorkspace("newer");
        SampleComponents.Create(ws);
        ws.Write(".bitmap", "{\n  \"format\": 99,\n  \"components\": {}\n}\n");

        Assert.Contains("format 99", CliAssert.Failed(BitCli.Bit(ws.Root, "tag"), "BIT1012").StandardError);
        Assert.Equal("{\n  \"format\": 99,\n  \"components\": {}\n}\n", ws.Read(".bitmap"));
    }

    [Fact]
    public void Running_outside_a_workspace_is_BIT1001()
    {
        var outside = Path.Combine(Path.GetTempPath(), "bitbuild-tests", "outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        try
        {
            foreach (var command in new[] { new[] { "tag" }, ["status"], ["list"], ["add", "."], ["untag", "hello/world"] })
            {
                var result = CliAssert.Failed(BitCli.Bit(outside, command), "BIT1001");
                Assert.Contains("dotnet bit init", result.StandardError);
            }

            Assert.Empty(Directory.GetFileSystemEntries(outside));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        using var ws = new TempWorkspace("usage");
        SampleComponents.Create(ws);
        var before = WorkspaceSnapshot.Take(ws.Root);

        Assert.Equal(2, BitCli.Bit(ws.Root).ExitCode);
        CliAssert.Failed(BitCli.Bit(ws.Root, "frobnicate"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", "--no-such-option"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", "--minor", "--major"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", "hello/world", "--all"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", "hello/world", "1.0.0", "--minor"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "untag"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "add"), "BIT1013", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "init", "--default-scope"), "BIT1013", exitCode: 2);
        before.AssertUnchanged(ws.Root);
    }
}
