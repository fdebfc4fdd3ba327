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
        v1.Inputs = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["shared/Guard.cs"] = "sha256:dd", ["package:Newtonsoft.Json"] = "13.0.3" };
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
        Assert.Equal(new Dictionary<string, string> { ["package:Newtonsoft.Json"] = "13.0.3", ["shared/Guard.cs"] = "sha256:dd" }, v1.Inputs);
        Assert.Null(world.Versions[1].Message);
        Assert.Null(world.Versions[1].Inputs);
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

    [Theory]
    // A duplicate component (a merge that kept both sides): a DOM parser would silently keep only the last one.
    [InlineData("{\n  \"components\": {\n    \"a\": {},\n    \"a\": {}\n  }\n}\n", 4, 5, "\"a\" twice")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [{\"version\": \"1.0.0\", \"hash\": \"h\", \"hash\": \"i\"}]}}}", 1, 70, "\"hash\" twice")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [\n{\"version\": \"1.0.0\", \"hash\": \"h\"},\n{\"version\": \"1.0.0\", \"hash\": \"i\"}]}}}", 3, 13, "version 1.0.0 twice")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [{\"version\": \"1.0.0\", \"hash\": \"h\", \"exportedTo\": [\"s\", \"s\"]}]}}}", 1, 90, "names s twice")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [{\"hash\": \"h\"}]}}}", 1, 36, "no \"version\"")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [{\"version\": \"1.0.0\"}]}}}", 1, 36, "no \"hash\"")]
    [InlineData("{\"components\": {\"a\": {\"project\": 7}}}", 1, 34, "\"project\" of a must be a string, not a number")]
    [InlineData("{\"components\": {\"a\": {\"versions\": {}}}}", 1, 35, "must be an array, not an object")]
    [InlineData("{\"format\": 1.5}", 1, 12, "whole number")]
    [InlineData("{\"components\": {}} {}", 1, 20, "")]
    [InlineData("{\"components\": {\"a\": {\"versions\": [{\"version\": \"1.0.0\", \"ha", 1, 60, "")]
    [InlineData("", 1, 1, "")]
    public void Duplicates_wrong_kinds_missing_fields_and_truncation_are_BIT1003_at_their_line_and_column(string content, int line, int column, string says)
    {
        File.WriteAllText(BitmapPath, content);

        var ex = Assert.Throws<BitException>(() => BitmapFile.Read(BitmapPath));

        Assert.Equal(DiagnosticCodes.CorruptBitmap, ex.Code);
        Assert.Equal(BitmapPath, ex.File);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains($"line {line}, column {column}", ex.Message);
        Assert.Contains(says, ex.Message);
        Assert.Equal(content, File.ReadAllText(BitmapPath));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_and_not_written_back()
    {
        var bytes = BitmapFile.Serialize(Sample());
        File.WriteAllBytes(BitmapPath, [.. Encoding.UTF8.Preamble, .. bytes]);

        var read = BitmapFile.Read(BitmapPath);

        Assert.Equal(bytes, BitmapFile.Serialize(read));
    }

    [Fact]
    public void Fields_this_version_does_not_know_are_kept_at_every_level_when_the_file_is_rewritten()
    {
        var content = """
            {
              "format": 1,
              "components": {
                "hello/world": {
                  "owner": { "team": "platform", "reviewers": ["ann", "bo"] },
                  "project": "src/hello/world/Hello.World.csproj",
                  "versions": [
                    {
                      "apiHash": "sha256:ff",
                      "dependencies": {},
                      "exportedTo": [],
                      "hash": "sha256:aa",
                      "time": "2026-12-07T10:00:00Z",
                      "version": "0.0.1"
                    }
                  ]
                }
              },
              "hub": "https://bit.example.com/"
            }

            """;
        File.WriteAllText(BitmapPath, content);

        var bitmap = BitmapFile.Read(BitmapPath);
        bitmap.Find("hello/world")!.Versions.Add(new TaggedVersion { Version = "0.0.2", Hash = "sha256:bb" });
        var written = BitmapFile.SerializeToString(bitmap);

        Assert.Contains("\"hub\": \"https://bit.example.com/\"", written);
        Assert.Contains("\"apiHash\": \"sha256:ff\"", written);
        Assert.Contains("\"team\": \"platform\"", written);
        Assert.Contains("\"ann\"", written);
        var reread = BitmapFile.Read(WriteAndReturnPath(written));
        Assert.Equal("https://bit.example.com/", reread.Extra["hub"].GetString());
        Assert.Equal("sha256:ff", reread.Find("hello/world")!.FindVersion("0.0.1")!.Extra["apiHash"].GetString());
        Assert.Equal(written, BitmapFile.SerializeToString(reread));
    }

    private string WriteAndReturnPath(string content)
    {
        File.WriteAllText(BitmapPath, content);
        return BitmapPath;
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
