using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// A repository folder initialised by <c>dotnet bit init</c>: the declarations file every project imports
/// (<see cref="DeclarationsFileName"/>), the state file <c>.bitmap</c> and the local scope <c>.bit/</c>.
/// </summary>
public sealed class Workspace
{
    public const string DeclarationsFileName = "BitWorkspace.props";
    public const string LocalScopeFolderName = ".bit";

    private Workspace(string root) => Root = root;

    public string Root { get; }

    public string DeclarationsPath => Path.Combine(Root, DeclarationsFileName);

    public string BitmapPath => Path.Combine(Root, BitmapFile.FileName);

    public string BitFolder => Path.Combine(Root, LocalScopeFolderName);

    public string TempFolder => Path.Combine(BitFolder, "tmp");

    public string DirectoryBuildPropsPath => Path.Combine(Root, "Directory.Build.props");

    public static Workspace At(string root) => new(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    /// <summary>Finds the workspace that contains <paramref name="start"/> (the nearest folder upwards with a .bitmap or declarations file).</summary>
    public static Workspace Find(string start)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, DeclarationsFileName)) || File.Exists(Path.Combine(dir.FullName, BitmapFile.FileName)))
            {
                return At(dir.FullName);
            }

            dir = dir.Parent;
        }

        throw new BitException(
            DiagnosticCodes.NotAWorkspace,
            $"{Path.GetFullPath(start)} is not inside a BitBuild workspace (no {DeclarationsFileName} or .bitmap in it or any parent folder). " +
            "Run 'dotnet bit init' in the repository's root folder first.");
    }

    public Bitmap ReadBitmap() => BitmapFile.Read(BitmapPath);

    /// <summary>Writes .bitmap atomically, its temp file in .bit/tmp/ so that a crash leaves nothing in the workspace root.</summary>
    public void WriteBitmap(Bitmap bitmap) => BitmapFile.Write(BitmapPath, bitmap, TempFolder);

    public WorkspaceLock Lock(Action<string>? onWait = null) => WorkspaceLock.Acquire(BitFolder, onWait);

    /// <summary>A path relative to the root with '/' separators, as stored in .bitmap and shown to users.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public string Absolute(string relative) => Path.GetFullPath(Path.Combine(Root, relative));
}
