using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;

namespace BitBuild.Engine.Tests.Naming;

public sealed class PackageIdsTests
{
    [Theory]
    [InlineData("user.my-collection", "hello/world", "user.my-collection.hello.world")]
    [InlineData("bit", "utils/string_case", "bit.utils.string_case")]
    [InlineData("a.b", "c", "a.b.c")]
    public void Scope_package_id_is_scope_dot_id(string scope, string id, string expected) =>
        Assert.Equal(expected, PackageIds.InScope(scope, id));

    [Fact]
    public void Local_package_id_belongs_to_no_scope() => Assert.Equal("bitlocal.hello.world", PackageIds.Local("hello/world"));

    [Fact]
    public void Exactly_100_characters_is_accepted()
    {
        var id = new string('a', 100 - "scope.".Length);
        Assert.Equal(100, PackageIds.InScope("scope", id).Length);
    }

    [Fact]
    public void More_than_100_characters_is_BIT3002()
    {
        var id = "hello/" + new string('a', 100);

        var ex = Assert.Throws<BitException>(() => PackageIds.InScope("user.my-collection", id));

        Assert.Equal(DiagnosticCodes.InvalidPackageId, ex.Code);
        Assert.Contains(id, ex.Message);
    }

    [Theory]
    [InlineData("user.my-", "hello")]
    [InlineData("user", "hello-/world")]
    public void Ids_NuGet_rejects_are_BIT3002(string scope, string id)
    {
        // Bypass scope/id validation to hit NuGet's own rules ("-." runs).
        var ex = Assert.Throws<BitException>(() => PackageIds.InScope(scope, id));
        Assert.Equal(DiagnosticCodes.InvalidPackageId, ex.Code);
    }

    [Fact]
    public void File_name_is_lower_case_id_and_version() =>
        Assert.Equal("user.hello.world.1.0.0-beta.1.nupkg", PackageIds.FileName("User.Hello.World", "1.0.0-Beta.1"));
}
