using BitBuild.Engine.Files;
using BitBuild.Engine.Tests.Files;
using BitBuild.Engine.Tests.Infrastructure;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tests.Workspaces;

public sealed class WorkspaceLeftoversTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Removes_what_killed_runs_left_and_keeps_eject_backups_and_the_users_files()
    {
        var workspace = Workspace.At(folder.Root);
        var dead = OwnedTempNameTests.DeadProcessId();
        var write = folder.Write($".bit/tmp/{OwnedTempName.Create(AtomicFile.TempPrefix, dead)}..bitmap", "{");
        var probe = folder.Write($".bit/tmp/{OwnedTempName.Create(WorkspaceLeftovers.ProbePrefix, dead)}/BitProbe.proj", "<Project />");
        var pack = folder.Write($".bit/tmp/{OwnedTempName.Create(WorkspaceLeftovers.PackPrefix, dead)}/out/x.nupkg", "x");
        var eject = folder.Write(".bit/tmp/eject-0123456789abcdef0123456789abcdef/files/BitWorkspace.props", "<Project />");
        var oldBitmapTemp = folder.Write("..bitmap.0123456789abcdef0123456789abcdef.tmp", "{");
        var usersOwn = folder.Write(".notes.tmp", "mine");
        var bitmap = folder.Write(".bitmap", "{}");

        Assert.Equal(4, WorkspaceLeftovers.Remove(workspace));

        Assert.False(File.Exists(write));
        Assert.False(Directory.Exists(Path.GetDirectoryName(probe)));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Path.GetDirectoryName(pack))));
        Assert.False(File.Exists(oldBitmapTemp));
        Assert.True(File.Exists(eject));
        Assert.True(File.Exists(usersOwn));
        Assert.True(File.Exists(bitmap));
    }

    [Fact]
    public void Writing_bitmap_leaves_nothing_in_the_workspace_root()
    {
        var workspace = Workspace.At(folder.Root);
        workspace.WriteBitmap(new BitBuild.Engine.State.Bitmap());

        Assert.Equal([".bitmap"], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(workspace.TempFolder));
    }
}
