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

    [Fact]
    public void The_longest_id_leaves_room_for_the_local_package_prefix()
    {
        var longest = new string('a', ComponentId.MaxLength);
        Assert.Equal(longest, ComponentId.Validate(longest));
        Assert.Equal(100, PackageIds.Local(longest).Length);
    }

    [Fact]
    public void One_character_more_is_BIT1005_saying_the_limit_and_quoting_only_the_start()
    {
        var tooLong = new string('a', 300);
        var ex = Assert.Throws<BitException>(() => ComponentId.Validate(tooLong, "test"));
        Assert.Equal(DiagnosticCodes.InvalidComponentId, ex.Code);
        Assert.Contains($"at most {ComponentId.MaxLength} characters", ex.Message);
        Assert.Contains("(300 characters)", ex.Message);
        Assert.DoesNotContain(tooLong, ex.Message);
        Assert.False(ex.IsUsageError);
        Assert.False(ComponentId.IsValid(new string('a', ComponentId.MaxLength + 1)));
    }

    [Fact]
    public void The_package_id_limit_written_out_for_the_MSBuild_task_is_NuGets() =>
        Assert.Equal(NuGet.Packaging.PackageIdValidator.MaxPackageIdLength, ComponentId.NuGetMaxPackageIdLength);

    [Fact]
    public void An_id_typed_on_the_command_line_is_a_usage_error() =>
        Assert.True(Assert.Throws<BitException>(() => ComponentId.ValidateArgument("Hello", "test")).IsUsageError);

    [Theory]
    [InlineData("src/hello/world", "hello/world")]
    [InlineData("components/ui/button", "ui/button")]
    [InlineData("src/Hello/World.Core", "hello/world/core")]
    [InlineData("src/Polly.Core", "polly/core")]
    [InlineData("src/Polly.Extensions.Http", "polly/extensions/http")]
    [InlineData("Dapper.StrongName", "dapper/strongname")]
    [InlineData("src/.hidden", "hidden")]
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
