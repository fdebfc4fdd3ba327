using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Tagging;

namespace BitBuild.Engine.Tests.Tagging;

public sealed class VersionIncrementTests
{
    private static string Next(IncrementKind kind, string? last, string? label = null) =>
        new VersionIncrement(kind, label).Next("hello/world", last).ToNormalizedString();

    [Theory]
    [InlineData(IncrementKind.Patch, "0.0.1")]
    [InlineData(IncrementKind.Minor, "0.1.0")]
    [InlineData(IncrementKind.Major, "1.0.0")]
    public void First_tag_starts_from_zero(IncrementKind kind, string expected) => Assert.Equal(expected, Next(kind, null));

    [Theory]
    [InlineData(IncrementKind.Patch, "1.2.3", "1.2.4")]
    [InlineData(IncrementKind.Minor, "1.2.3", "1.3.0")]
    [InlineData(IncrementKind.Major, "1.2.3", "2.0.0")]
    [InlineData(IncrementKind.Patch, "1.2.4-beta.3", "1.2.4")]
    [InlineData(IncrementKind.Minor, "1.3.0-beta.0", "1.3.0")]
    [InlineData(IncrementKind.Minor, "1.3.1-beta.0", "1.4.0")]
    [InlineData(IncrementKind.Major, "2.0.0-rc.1", "2.0.0")]
    [InlineData(IncrementKind.Major, "2.1.0-rc.1", "3.0.0")]
    public void Increments_the_last_version_as_semver_does(IncrementKind kind, string last, string expected) => Assert.Equal(expected, Next(kind, last));

    [Fact]
    public void Pre_release_sequence_counts_up_then_releases()
    {
        Assert.Equal("0.0.1-beta.0", Next(IncrementKind.PreRelease, null, "beta"));
        Assert.Equal("0.0.2-beta.0", Next(IncrementKind.PreRelease, "0.0.1", "beta"));
        Assert.Equal("0.0.2-beta.1", Next(IncrementKind.PreRelease, "0.0.2-beta.0", "beta"));
        Assert.Equal("0.0.2-beta.10", Next(IncrementKind.PreRelease, "0.0.2-beta.9", "beta"));
        Assert.Equal("0.0.2", Next(IncrementKind.Patch, "0.0.2-beta.1"));
    }

    [Fact]
    public void Switching_pre_release_label_never_goes_backwards()
    {
        // rc sorts after beta: stay on 0.0.2.
        Assert.Equal("0.0.2-rc.0", Next(IncrementKind.PreRelease, "0.0.2-beta.3", "rc"));
        // alpha sorts before beta: 0.0.2-alpha.0 would be lower than the last version, so move to the next patch.
        Assert.Equal("0.0.3-alpha.0", Next(IncrementKind.PreRelease, "0.0.2-beta.3", "alpha"));
    }

    [Theory]
    [InlineData("be ta")]
    [InlineData("beta.1")]
    [InlineData("")]
    [InlineData("b+c")]
    public void Invalid_pre_release_label_is_BIT2002(string label)
    {
        var ex = Assert.Throws<BitException>(() => Next(IncrementKind.PreRelease, "0.0.1", label));
        Assert.Equal(DiagnosticCodes.InvalidVersion, ex.Code);
        Assert.Contains(label, ex.Message);
    }

    [Theory]
    [InlineData(null, "1.0.0")]
    [InlineData("0.0.3", "1.0.0")]
    [InlineData("1.0.0-beta.1", "1.0.0")]
    public void Explicit_version_greater_than_the_last_is_taken(string? last, string requested) =>
        Assert.Equal(requested, new VersionIncrement(IncrementKind.Patch, ExplicitVersion: requested).Next("hello/world", last).ToNormalizedString());

    [Theory]
    [InlineData("1.0.0", "1.0.0")]
    [InlineData("1.0.0", "0.9.9")]
    [InlineData("1.0.0", "1.0.0-rc.1")]
    public void Explicit_version_not_greater_is_BIT2001(string last, string requested)
    {
        var ex = Assert.Throws<BitException>(() => new VersionIncrement(IncrementKind.Patch, ExplicitVersion: requested).Next("hello/world", last));
        Assert.Equal(DiagnosticCodes.VersionNotGreater, ex.Code);
        Assert.Contains("hello/world", ex.Message);
        Assert.Contains(last, ex.Message);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("abc")]
    [InlineData("1.0.0.0.0")]
    [InlineData("01.0.0")]
    public void Invalid_explicit_version_is_BIT2002(string requested)
    {
        var ex = Assert.Throws<BitException>(() => new VersionIncrement(IncrementKind.Patch, ExplicitVersion: requested).Next("hello/world", null));
        Assert.Equal(DiagnosticCodes.InvalidVersion, ex.Code);
        Assert.True(ex.IsUsageError);
    }
}
