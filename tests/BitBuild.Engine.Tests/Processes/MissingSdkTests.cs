using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Processes;

namespace BitBuild.Engine.Tests.Processes;

public sealed class MissingSdkTests
{
    // What the dotnet host (SDK 10.0.401) prints when global.json pins an SDK that is not installed.
    private const string HostOutput = """
        10.0.401 [/usr/share/dotnet/sdk]
        The command could not be loaded, possibly because:
          * You intended to execute a .NET application:
              The application 'msbuild' does not exist or is not a managed .dll or .exe.
          * You intended to execute a .NET SDK command:
              A compatible .NET SDK was not found.

        Requested SDK version: 9.0.100
        global.json file: /repo/global.json

        Installed SDKs:

        Install the [9.0.100] .NET SDK or update [/repo/global.json] to match an installed SDK.
        """;

    [Fact]
    public void Names_the_file_the_requested_and_the_installed_versions()
    {
        var error = MissingSdk.FromOutput(HostOutput);

        Assert.NotNull(error);
        Assert.Equal(DiagnosticCodes.SdkNotInstalled, error.Code);
        Assert.Equal("/repo/global.json", error.File);
        Assert.Contains("asks for the .NET SDK 9.0.100", error.Message);
        Assert.Contains("(installed: 10.0.401)", error.Message);
    }

    [Fact]
    public void Leaves_other_failures_alone() =>
        Assert.Null(MissingSdk.FromOutput("error CS1002: ; expected"));
}
