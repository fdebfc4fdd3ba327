using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;

namespace BitBuild.Engine.Tests.Naming;

public sealed class ScopeNameTests
{
    [Theory]
    [InlineData("user.my-collection")]
    [InlineData("bit")]
    [InlineData("org_1.team-2.x")]
    public void Valid_scopes(string scope) => Assert.Equal(scope, ScopeName.Validate(scope));

    [Fact]
    public void The_longest_scope_leaves_room_for_a_one_character_id()
    {
        var longest = new string('s', ScopeName.MaxLength);
        Assert.Equal(longest, ScopeName.Validate(longest));
        Assert.Equal(100, PackageIds.InScope(longest, "x").Length);
    }

    [Fact]
    public void One_character_more_is_BIT1010_saying_the_limit()
    {
        var ex = Assert.Throws<BitException>(() => ScopeName.Validate(new string('s', ScopeName.MaxLength + 1), "BitDefaultScope", "/ws/BitWorkspace.props"));
        Assert.Equal(DiagnosticCodes.InvalidScopeName, ex.Code);
        Assert.Contains($"at most {ScopeName.MaxLength} characters", ex.Message);
        Assert.Contains("BitDefaultScope", ex.Message);
        Assert.Equal("/ws/BitWorkspace.props", ex.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData("User.collection")]
    [InlineData("user/collection")]
    [InlineData("user..collection")]
    [InlineData(".user")]
    [InlineData("user.")]
    [InlineData("user.-x")]
    public void Invalid_scopes_are_BIT1010(string scope)
    {
        var ex = Assert.Throws<BitException>(() => ScopeName.Validate(scope));
        Assert.Equal(DiagnosticCodes.InvalidScopeName, ex.Code);
    }
}
