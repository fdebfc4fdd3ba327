using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>
/// One workspace, tagged once, shared by read-only tests (a real tag is a real pack, several seconds): the sample chain
/// utils/string ← hello/world ← hello/app-kit in a git repository, tagged with <c>dotnet bit tag -m "first tag"</c>.
/// A Directory.Build.targets records, for every project Pack ran on, the solution MSBuild was building, so a test can
/// tell whether all packages came from one MSBuild invocation.
/// </summary>
public sealed class TaggedChainFixture : IDisposable
{
    public const string Message = "first tag";

    public TaggedChainFixture()
    {
        Workspace = new TempWorkspace("tagged");
        Workspace.Write("Directory.Build.targets", """
            <Project>
              <Target Name="RecordPackInvocation" AfterTargets="Pack">
                <WriteLinesToFile File="$(MSBuildThisFileDirectory)pack-log/$(MSBuildProjectName).txt" Lines="$(SolutionPath)" Overwrite="true" />
              </Target>
            </Project>
            """);
        SampleComponents.Create(Workspace);
        Workspace.GitInit();
        Before = DateTimeOffset.UtcNow.AddSeconds(-1);
        TagResult = BitCli.Bit(Workspace.Root, "tag", "-m", Message);
        After = DateTimeOffset.UtcNow.AddSeconds(1);
    }

    public TempWorkspace Workspace { get; }

    public string Root => Workspace.Root;

    public ProcessResult TagResult { get; }

    public DateTimeOffset Before { get; }

    public DateTimeOffset After { get; }

    public void Dispose() => Workspace.Dispose();
}
