using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;

namespace BitBuild.Engine.Tests.Naming;

public sealed class ComponentIdTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("hello/world")]
    [InlineData("utils/string-case/v2_x")]
    [InlineData("0day/1")]
    public void Valid_ids(string id) => Assert.Equal(id, ComponentId.Validate(id));

    [Theory]
    [InlineData("")]
    [InlineData("Hello/world")]
    [InlineData("hello/")]
    [InlineData("/hello")]
    [InlineData("hello//world")]
    [InlineData("-hello")]
    [InlineData("hello/_world")]
    [InlineData("hello.world")]
    [InlineData("hello world")]
    [InlineData("hello\\world")]
    public void Invalid_ids_are_BIT1005(string id)
    {
        var ex = Assert.Throws<BitException>(() => ComponentId.Validate(id, "test"));
        Assert.Equal(DiagnosticCodes.InvalidComponentId, ex.Code);
        Assert.Contains($"'{id}'", ex.Message);
    }

    [Theory]
    [InlineData("src/hello/world", "hello/world")]
    [InlineData("components/ui/button", "ui/button")]
    [InlineData("src/Hello/World.Core", "hello/world-core")]
    [InlineData("libs\\Utils\\String", "libs/utils/string")]
    [InlineData("src", "src")]
    [InlineData("My Lib", "my-lib")]
    [InlineData("src/_internal/x", "internal/x")]
    [InlineData("", "component")]
    public void Id_is_derived_from_the_folder(string folder, string expected)
    {
        var id = ComponentId.FromFolder(folder);
        Assert.Equal(expected, id);
        Assert.True(ComponentId.IsValid(id));
    }

    [Theory]
    [InlineData("hello/world", "hello/world", true)]
    [InlineData("hello/world", "hello/*", true)]
    [InlineData("hello/world", "*", true)]
    [InlineData("hello/world", "*/world", true)]
    [InlineData("hello/world", "utils/*", false)]
    [InlineData("hello/world", "hello", false)]
    [InlineData("hello/world", "hello/wor", false)]
    [InlineData("hellox/world", "hello.*", false)]
    public void Patterns_use_star_for_any_run_of_characters(string id, string pattern, bool expected) =>
        Assert.Equal(expected, ComponentId.MatchesPattern(id, pattern));
}
