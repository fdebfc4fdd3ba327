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
