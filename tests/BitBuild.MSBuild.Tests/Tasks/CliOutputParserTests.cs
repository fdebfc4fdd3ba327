using BitBuild.Tasks;

namespace BitBuild.MSBuild.Tests.Tasks;

public class CliOutputParserTests
{
    [Fact]
    public void Plain_error_line_has_code_and_message()
    {
        var d = CliOutputParser.TryParse("error BIT1001: /x is not inside a BitBuild workspace");
        Assert.NotNull(d);
        Assert.True(d.IsError);
        Assert.Equal("BIT1001", d.Code);
        Assert.Equal("/x is not inside a BitBuild workspace", d.Message);
        Assert.Null(d.File);
    }

    [Fact]
    public void Error_with_file_line_and_column()
    {
        var d = CliOutputParser.TryParse("/ws/.bitmap(12,5) : error BIT1003: /ws/.bitmap is not valid JSON at line 12, column 5: x");
        Assert.NotNull(d);
        Assert.Equal("/ws/.bitmap", d.File);
        Assert.Equal(12, d.Line);
        Assert.Equal(5, d.Column);
        Assert.Equal("BIT1003", d.Code);
    }

    [Fact]
    public void Warning_with_file_only()
    {
        var d = CliOutputParser.TryParse("/ws/BitWorkspace.props : warning BIT3006: scope unreachable");
        Assert.NotNull(d);
        Assert.False(d.IsError);
        Assert.Equal("/ws/BitWorkspace.props", d.File);
        Assert.Equal(0, d.Line);
    }

    [Fact]
    public void Windows_path_with_drive_letter()
    {
        var d = CliOutputParser.TryParse(@"C:\ws\BitWorkspace.props(3,4) : error BIT1005: bad id");
        Assert.NotNull(d);
        Assert.Equal(@"C:\ws\BitWorkspace.props", d.File);
        Assert.Equal(3, d.Line);
    }

    [Theory]
    [InlineData("1 component was exported to scope user.col")]
    [InlineData("the previous build had an error BIT2003: somewhere")]
    [InlineData("error MSB4057: not ours")]
    [InlineData("  at BitBuild.Engine.Foo()")]
    public void Other_lines_are_not_diagnostics(string line) => Assert.Null(CliOutputParser.TryParse(line));

    [Theory]
    [InlineData(150, "")]
    [InlineData(1, "You must install or update .NET to run this application.")]
    [InlineData(1, "The framework 'Microsoft.NETCore.App', version '10.0.0' (x64) was not found.")]
    public void Missing_runtime_is_recognised(int exitCode, string stderr) => Assert.True(CliOutputParser.IsMissingRuntime(exitCode, stderr));

    [Fact]
    public void An_ordinary_failure_is_not_a_missing_runtime() => Assert.False(CliOutputParser.IsMissingRuntime(1, "error BIT2003: build failed"));
}
