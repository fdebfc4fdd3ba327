using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>
/// Visual Studio's .NET Framework MSBuild, played by overriding the host the targets think they run in
/// (MSBuildRuntimeType itself is reserved): before MSBuild 18 BIT0001 names the way out; from 18 on the task runs in a
/// .NET task host (TaskHostFactory, Runtime="NET"), which .NET MSBuild can do too, so that path really runs here.
/// </summary>
[Collection(PackageCollection.Name)]
public class HostTests
{
    [Fact]
    public void Framework_msbuild_before_18_gets_BIT0001()
    {
        using var ws = new PackageWorkspace("vs17");
        ws.AddSampleComponents();

        var run = ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus", "-p:_BitHostRuntime=Full", "-p:_BitHostVersion=17.14.8").ShouldFail();

        run.Check(run.Output.Contains("error BIT0001", StringComparison.Ordinal), "no BIT0001");
        run.Check(run.Output.Contains("dotnet build", StringComparison.Ordinal), "BIT0001 does not name the way out");
        run.Check(run.EngineStarts("status") == 0, "the engine started anyway");
    }

    [Fact]
    public void Framework_msbuild_18_runs_the_task_in_a_dotnet_task_host()
    {
        using var ws = new PackageWorkspace("vs18");
        ws.AddSampleComponents();

        var run = ws.Build("src/utils/string/Utils.String.csproj", "-t:BitStatus", "-p:_BitHostRuntime=Full", "-p:_BitHostVersion=18.0.0").ShouldSucceed();

        run.Check(run.EngineStarts("status") == 1, "the engine did not run through the task host");
        run.Check(run.Output.Contains("new components", StringComparison.Ordinal), "no status output");
    }
}
