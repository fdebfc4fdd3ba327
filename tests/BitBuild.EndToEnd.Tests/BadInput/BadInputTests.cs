using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// The bad-input suite: every case runs the real dotnet bit on a spoiled copy of one workspace and must end with its
/// documented exit code and BIT code, no stack trace and no BIT9999 on stderr, and the workspace (its scope folder
/// included) byte for byte as it was. Each case's output is kept under bad-input-outputs/ next to the test assembly.
/// </summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private static readonly string OutputFolder = Path.Combine(AppContext.BaseDirectory, "bad-input-outputs");

    [Theory]
    [MemberData(nameof(BadInputCases.Names), MemberType = typeof(BadInputCases))]
    public void Is_refused_with_its_code_and_changes_nothing(string name)
    {
        var badInput = BadInputCases.All.Single(c => c.Name == name);
        using var ws = fixture.Copy("bad-input");
        badInput.Arrange?.Invoke(ws);
        var before = FolderSnapshot.Of(ws.Root);

        var result = BitCli.Bit(ws.Root, badInput.Arguments);

        Directory.CreateDirectory(OutputFolder);
        File.WriteAllText(Path.Combine(OutputFolder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".txt"), result.CombinedOutput);
        var output = $"dotnet bit {string.Join(' ', badInput.Arguments.Select(a => a.Length > 40 ? a[..40] + "…" : a))}\n{result.CombinedOutput}";
        Assert.True(result.ExitCode == badInput.ExitCode, $"expected exit code {badInput.ExitCode}, got {result.ExitCode}:\n{output}");
        Assert.True(result.StandardError.Contains($"error {badInput.Code}:", StringComparison.Ordinal), $"expected 'error {badInput.Code}:' on stderr:\n{output}");
        Assert.DoesNotContain("BIT9999", result.CombinedOutput, StringComparison.Ordinal);
        Assert.False(LooksLikeStackTrace(result.StandardError), $"stderr has a stack trace:\n{output}");
        foreach (var mention in badInput.Mentions)
        {
            Assert.True(result.StandardError.Contains(mention, StringComparison.Ordinal), $"expected the error to mention '{mention}':\n{output}");
        }

        before.AssertSame(FolderSnapshot.Of(ws.Root));
    }

    /// <summary>
    /// Not bad input but input this version must tolerate: a .bitmap saved with a UTF-8 byte-order mark and holding fields
    /// a newer BitBuild (or a person) wrote. An export rewrites the file and must keep every one of those fields.
    /// </summary>
    [Fact]
    public void A_bitmap_with_a_byte_order_mark_and_unknown_fields_keeps_them_through_an_export()
    {
        using var ws = fixture.Copy("bitmap-unknown-fields");
        Spoil.Bitmap(ws, "\"format\": 1,\n", "\"format\": 1,\n  \"hub\": { \"url\": \"https://bit.example.com/\" },\n");
        Spoil.Bitmap(ws, "\"project\": \"src/hello/world/Hello.World.csproj\",", "\"owner\": \"team-platform\",\n      \"project\": \"src/hello/world/Hello.World.csproj\",");
        Spoil.Bitmap(ws, "\"version\": \"0.0.1\"", "\"version\": \"0.0.1\",\n          \"apiHash\": \"sha256:ff\"");
        File.WriteAllBytes(ws.PathOf(".bitmap"), [.. System.Text.Encoding.UTF8.Preamble, .. File.ReadAllBytes(ws.PathOf(".bitmap"))]);

        var export = BitCli.Bit(ws.Root, "export");

        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Contains("component hello/world was exported to scope user.my-collection", export.StandardOutput);
        var bitmap = ws.Read(".bitmap");
        Assert.Contains("\"hub\": {", bitmap);
        Assert.Contains("\"url\": \"https://bit.example.com/\"", bitmap);
        Assert.Contains("\"owner\": \"team-platform\"", bitmap);
        Assert.Equal(2, bitmap.Split("\"apiHash\": \"sha256:ff\"").Length - 1);
        Assert.False(File.ReadAllBytes(ws.PathOf(".bitmap")).AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble), "the rewritten .bitmap has no byte-order mark");
        var status = BitCli.Bit(ws.Root, "status");
        Assert.True(status.ExitCode == 0, status.CombinedOutput);
    }

    [Fact]
    public void Case_names_are_unique() =>
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());

    private static bool LooksLikeStackTrace(string stderr) =>
        stderr.Split('\n').Any(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.Contains('(', StringComparison.Ordinal))
        || stderr.Contains("Exception:", StringComparison.Ordinal);
}
