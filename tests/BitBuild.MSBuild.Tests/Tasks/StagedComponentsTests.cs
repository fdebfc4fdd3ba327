using System.Text;
using BitBuild.Engine.State;
using BitBuild.MSBuild.Tests.Infrastructure;
using BitBuild.Tasks;

namespace BitBuild.MSBuild.Tests.Tasks;

/// <summary>The in-process staged check must agree with the engine's own rule (State/Bitmap.cs) on every shape of .bitmap.</summary>
public class StagedComponentsTests
{
    private static TaggedVersion Version(string version, params string[] exportedTo)
    {
        var v = new TaggedVersion { Version = version, Hash = "sha256:00", Time = DateTimeOffset.UnixEpoch };
        foreach (var scope in exportedTo)
        {
            v.ExportedTo.Add(scope);
        }

        return v;
    }

    private static Bitmap Sample()
    {
        var bitmap = new Bitmap();
        bitmap.GetOrAdd("never/exported").Versions.Add(Version("0.0.1"));
        var exported = bitmap.GetOrAdd("up/to-date");
        exported.Scope = "user.col";
        exported.Versions.Add(Version("0.0.1", "user.col"));
        var other = bitmap.GetOrAdd("other/scope-only");
        other.Scope = "user.col";
        other.Versions.Add(Version("0.0.1", "user.col"));
        other.Versions.Add(Version("0.0.2", "team.other"));
        bitmap.GetOrAdd("not/tagged");
        return bitmap;
    }

    [Fact]
    public void Agrees_with_the_engine()
    {
        var bitmap = Sample();
        var expected = bitmap.Components.Where(c => c.Value.IsStaged).Select(c => c.Key).ToList();

        var staged = StagedComponents.Find(BitmapFile.Serialize(bitmap));

        Assert.Equal(["never/exported", "other/scope-only"], expected);
        Assert.Equal(expected, staged);
    }

    [Fact]
    public void Nothing_staged_when_everything_reached_its_primary_scope()
    {
        var bitmap = new Bitmap();
        var c = bitmap.GetOrAdd("up/to-date");
        c.Scope = "user.col";
        c.Versions.Add(Version("0.0.1", "user.col", "team.other"));
        Assert.Empty(StagedComponents.Find(BitmapFile.Serialize(bitmap))!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"format\":1,\"components\":{}}")]
    public void Empty_bitmaps_have_nothing_staged(string json) => Assert.Empty(StagedComponents.Find(Encoding.UTF8.GetBytes(json))!);

    [Theory]
    [InlineData("{ not json")]
    [InlineData("<<<<<<< HEAD")]
    public void A_bitmap_that_does_not_parse_is_left_to_the_engine(string json) => Assert.Null(StagedComponents.Find(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Check_task_reports_staged_ids()
    {
        var folder = Path.Combine(TestPaths.RunFolder, "staged-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ".bitmap");
        File.WriteAllBytes(path, BitmapFile.Serialize(Sample()));
        var task = new BitCheckStaged { BuildEngine = new RecordingBuildEngine(), BitmapPath = path };

        Assert.True(task.Execute());
        Assert.True(task.HasStaged);
        Assert.Equal(["never/exported", "other/scope-only"], task.StagedIds);
    }

    [Fact]
    public void Check_task_without_a_bitmap_has_nothing_staged()
    {
        var task = new BitCheckStaged { BuildEngine = new RecordingBuildEngine(), BitmapPath = Path.Combine(TestPaths.RunFolder, "none", ".bitmap") };
        Assert.True(task.Execute());
        Assert.False(task.HasStaged);
    }

    [Fact]
    public void Check_task_with_a_corrupt_bitmap_lets_the_engine_report_it()
    {
        var folder = Path.Combine(TestPaths.RunFolder, "corrupt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".bitmap"), "{ oops");
        var engine = new RecordingBuildEngine();
        var task = new BitCheckStaged { BuildEngine = engine, BitmapPath = Path.Combine(folder, ".bitmap") };

        Assert.True(task.Execute());
        Assert.True(task.HasStaged);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Check_task_parses_once_per_build_and_again_when_the_file_changes()
    {
        var folder = Path.Combine(TestPaths.RunFolder, "cached-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ".bitmap");
        File.WriteAllBytes(path, BitmapFile.Serialize(Sample()));
        var engine = new RecordingBuildEngine();

        Assert.True(new BitCheckStaged { BuildEngine = engine, BitmapPath = path }.Execute());
        var second = new BitCheckStaged { BuildEngine = engine, BitmapPath = path };
        Assert.True(second.Execute());
        Assert.True(second.HasStaged);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("known from earlier in this build", StringComparison.Ordinal));

        File.WriteAllText(path, "{\"format\":1,\"components\":{}}");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var third = new BitCheckStaged { BuildEngine = engine, BitmapPath = path };
        Assert.True(third.Execute());
        Assert.False(third.HasStaged);
    }
}
