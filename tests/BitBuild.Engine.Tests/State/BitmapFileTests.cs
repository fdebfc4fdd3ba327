using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.State;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.State;

public sealed class BitmapFileTests : IDisposable
{
    private readonly TestFolder folder = new();

    private string BitmapPath => folder.PathOf(".bitmap");

    public void Dispose() => folder.Dispose();

    private static Bitmap Sample()
    {
        var bitmap = new Bitmap();
        // Added out of order on purpose: the file must not depend on insertion order.
        var world = bitmap.GetOrAdd("hello/world");
        world.Project = "src/hello/world/Hello.World.csproj";
        world.Scope = "user.my-collection";
        var v1 = new TaggedVersion { Version = "0.0.1", Hash = "sha256:aa", Message = "first \"quoted\" ünïcode", Time = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.FromHours(2)) };
        v1.Dependencies["zeta/last"] = "1.0.0";
        v1.Dependencies["utils/string"] = "0.0.1";
        v1.ExportedTo.Add("user.my-collection");
        v1.ExportedTo.Add("bit.movie-app");
        world.Versions.Add(v1);
        world.Versions.Add(new TaggedVersion { Version = "0.0.2", Hash = "sha256:bb", Time = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero) });
        bitmap.GetOrAdd("utils/string").Versions.Add(new TaggedVersion { Version = "0.0.1", Hash = "sha256:cc" });
        return bitmap;
    }

    [Fact]
    public void Round_trip_keeps_every_field()
    {
        BitmapFile.Write(BitmapPath, Sample());

        var read = BitmapFile.Read(BitmapPath);

        var world = read.Find("hello/world")!;
        Assert.Equal("src/hello/world/Hello.World.csproj", world.Project);
        Assert.Equal("user.my-collection", world.Scope);
        Assert.Equal(["0.0.1", "0.0.2"], world.Versions.Select(v => v.Version));
        var v1 = world.Versions[0];
        Assert.Equal("sha256:aa", v1.Hash);
        Assert.Equal("first \"quoted\" ünïcode", v1.Message);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), v1.Time);
        Assert.Equal(new Dictionary<string, string> { ["utils/string"] = "0.0.1", ["zeta/last"] = "1.0.0" }, v1.Dependencies);
        Assert.Equal(["bit.movie-app", "user.my-collection"], v1.ExportedTo);
        Assert.Null(world.Versions[1].Message);
        Assert.Null(read.Find("utils/string")!.Scope);
    }

    [Fact]
    public void Output_is_stable_sorted_and_byte_identical_across_read_and_write()
    {
        BitmapFile.Write(BitmapPath, Sample());
        var first = File.ReadAllBytes(BitmapPath);

        BitmapFile.Write(BitmapPath, BitmapFile.Read(BitmapPath));

        Assert.Equal(first, File.ReadAllBytes(BitmapPath));
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text);
        Assert.False(text.StartsWith('\uFEFF'), "no BOM");
        Assert.True(text.IndexOf("\"hello/world\"", StringComparison.Ordinal) < text.IndexOf("\"utils/string\": {", StringComparison.Ordinal), "components sorted");
        Assert.True(text.IndexOf("\"utils/string\": \"0.0.1\"", StringComparison.Ordinal) < text.IndexOf("\"zeta/last\"", StringComparison.Ordinal), "dependencies sorted");
        // Version entries have their keys in alphabetical order.
        var keys = new[] { "\"dependencies\"", "\"exportedTo\"", "\"hash\"", "\"message\"", "\"time\"", "\"version\"" }.Select(k => text.IndexOf(k, StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.OrderBy(k => k), keys);
        Assert.Contains("\"time\": \"2026-11-25T14:00:00Z\"", text);
        Assert.Contains("\n  \"components\": {\n    \"hello/world\": {\n", text);
    }

    [Fact]
    public void Versions_written_out_of_order_are_read_oldest_first()
    {
        File.WriteAllText(BitmapPath, """
            {"format": 1, "components": {"a": {"versions": [
              {"version": "0.0.10", "hash": "sha256:2"}, {"version": "0.0.9", "hash": "sha256:1"}, {"version": "0.0.10-beta.0", "hash": "sha256:3"}]}}}
            """);

        Assert.Equal(["0.0.9", "0.0.10-beta.0", "0.0.10"], BitmapFile.Read(BitmapPath).Find("a")!.Versions.Select(v => v.Version));
    }

    [Fact]
    public void Missing_file_is_an_empty_bitmap()
    {
        Assert.Empty(BitmapFile.Read(BitmapPath).Components);
    }

    [Fact]
    public void Corrupt_json_is_BIT1003_naming_file_line_and_column_and_the_file_is_left_alone()
    {
        var corrupt = "{\n  \"format\": 1,\n  \"components\": {\n<<<<<<< HEAD\n  }\n}\n";
        File.WriteAllText(BitmapPath, corrupt);

        var ex = Assert.Throws<BitException>(() => BitmapFile.Read(BitmapPath));

        Assert.Equal(DiagnosticCodes.CorruptBitmap, ex.Code);
        Assert.Equal(BitmapPath, ex.File);
        Assert.Equal(4, ex.Line);
        Assert.Equal(1, ex.Column);
        Assert.Contains(BitmapPath, ex.Message);
        Assert.Contains("line 4, column 1", ex.Message);
        Assert.Equal(corrupt, File.ReadAllText(BitmapPath));
    }

    [Theory]
    [InlineData("""{"format": "one"}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"format": 1, "components": []}""")]
    [InlineData("""{"format": 1, "components": {"a": {"versions": [{"version": "zz", "hash": "sha256:1"}]}}}""")]
    [InlineData("""{"format": 1, "components": {"a": {"versions": [{"version": "0.0.1"}]}}}""")]
    [InlineData("""{"format": 1, "components": {"a": {"versions": [{"version": "0.0.1", "hash": "h", "time": "yesterday"}]}}}""")]
    [InlineData("""{"format": 1, "components": {"a": {"versions": [{"version": "0.0.1", "hash": "h", "dependencies": {"b": 1}}]}}}""")]
    public void Valid_json_of_the_wrong_shape_is_BIT1003_too(string content)
    {
        File.WriteAllText(BitmapPath, content);

        var ex = Assert.Throws<BitException>(() => BitmapFile.Read(BitmapPath));

        Assert.Equal(DiagnosticCodes.CorruptBitmap, ex.Code);
        Assert.Contains(BitmapPath, ex.Message);
        Assert.Equal(content, File.ReadAllText(BitmapPath));
    }

    [Theory]
    [InlineData("{\"components\":{\"Hello/World\":{\"versions\":[]}}}", DiagnosticCodes.InvalidComponentId)]
    [InlineData("{\"components\":{\"hello\":{\"scope\":\"Bad..Scope\",\"versions\":[]}}}", DiagnosticCodes.InvalidScopeName)]
    [InlineData("{\"components\":{\"hello\":{\"versions\":[{\"version\":\"1.0.0\",\"hash\":\"h\",\"exportedTo\":[\"x..y\"]}]}}}", DiagnosticCodes.InvalidScopeName)]
    [InlineData("{\"components\":{\"hello\":{\"versions\":[{\"version\":\"1.0.0\",\"hash\":\"h\",\"dependencies\":{\"A\":\"1.0.0\"}}]}}}", DiagnosticCodes.InvalidComponentId)]
    public void Names_no_command_would_accept_get_their_own_code_naming_the_file(string content, string code)
    {
        File.WriteAllText(BitmapPath, content);
        var ex = Assert.Throws<BitException>(() => BitmapFile.Read(BitmapPath));
        Assert.Equal(code, ex.Code);
        Assert.Equal(BitmapPath, ex.File);
        Assert.Contains(".bitmap", ex.Message);
    }

    [Fact]
    public void Newer_format_is_BIT1012()
    {
        File.WriteAllText(BitmapPath, """{"format": 2, "components": {}}""");

        var ex = Assert.Throws<BitException>(() => BitmapFile.Read(BitmapPath));

        Assert.Equal(DiagnosticCodes.UnsupportedBitmapVersion, ex.Code);
        Assert.Contains("format 2", ex.Message);
    }

    [Fact]
    public void Staged_versions_are_those_not_in_the_primary_scope()
    {
        var world = Sample().Find("hello/world")!;

        Assert.Equal(["0.0.2"], world.StagedVersions.Select(v => v.Version));
        world.Scope = null;
        Assert.Equal(["0.0.1", "0.0.2"], world.StagedVersions.Select(v => v.Version));
    }
}
