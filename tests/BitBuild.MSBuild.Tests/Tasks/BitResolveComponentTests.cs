using BitBuild.MSBuild.Tests.Infrastructure;
using BitBuild.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BitBuild.MSBuild.Tests.Tasks;

public class BitResolveComponentTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "ws");

    private static ITaskItem Item(string relativeProject, string? id = null)
    {
        var item = new TaskItem(Path.Combine(Root, relativeProject));
        if (id is not null)
        {
            item.SetMetadata("Id", id);
        }

        return item;
    }

    private static string Resolve(string relativeProject, params ITaskItem[] components)
    {
        var task = new BitResolveComponent
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectPath = Path.Combine(Root, relativeProject),
            WorkspaceRoot = Root + Path.DirectorySeparatorChar,
            Components = components,
        };
        Assert.True(task.Execute());
        return task.ComponentId;
    }

    [Fact]
    public void Id_metadata_wins() => Assert.Equal("my/id", Resolve("src/a/A.csproj", Item("src/a/A.csproj", "my/id")));

    [Fact]
    public void Id_is_derived_from_the_folder_like_the_engine_does() =>
        Assert.Equal("hello/world/core", Resolve("src/Hello/World.Core/W.csproj", Item("src/Hello/World.Core/W.csproj")));

    [Fact]
    public void A_project_that_is_not_declared_is_not_a_component() =>
        Assert.Equal(string.Empty, Resolve("src/app/App.csproj", Item("src/a/A.csproj")));

    [Fact]
    public void The_last_item_for_a_project_wins() =>
        Assert.Equal("explicit/id", Resolve("src/a/A.csproj", Item("src/a/A.csproj"), Item("src/a/A.csproj", "explicit/id")));
}
