using System.Text.RegularExpressions;
using BitBuild.Engine.Files;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// What a killed dotnet bit (or MSBuild task) leaves in a workspace, and its removal by the next tag or export: atomic
/// writes' temp files, declaration probes and pack folders in <c>.bit/tmp/</c> whose process is gone, and the
/// <c>.{file}.{guid}.tmp</c> files versions before 0.3 wrote beside <c>.bitmap</c> and the declarations (which then showed
/// in <c>git status</c>). Eject's <c>.bit/tmp/eject-*</c> folders are never touched: a failed eject keeps the originals there.
/// </summary>
public static partial class WorkspaceLeftovers
{
    /// <summary>The prefixes of what BitBuild creates in .bit/tmp/ (see <see cref="OwnedTempName"/>).</summary>
    public const string ProbePrefix = "probe-";
    public const string PackPrefix = "pack-";

    /// <summary>Leftovers without an owner (written by older versions) go once they are this old.</summary>
    private static readonly TimeSpan UnownedAfter = TimeSpan.FromHours(1);

    /// <summary>Removes the leftovers; call under the workspace lock, which every writer of the workspace root holds.</summary>
    public static int Remove(Workspace workspace)
    {
        var removed = 0;
        foreach (var prefix in new[] { AtomicFile.TempPrefix, ProbePrefix, PackPrefix })
        {
            removed += OwnedTempName.Sweep(workspace.TempFolder, prefix, UnownedAfter);
        }

        foreach (var file in Directory.EnumerateFiles(workspace.Root, ".*.tmp").Where(f => OldAtomicTempName().IsMatch(Path.GetFileName(f))))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for the next run.
            }
        }

        return removed;
    }

    [GeneratedRegex("^\\..+\\.[0-9a-f]{32}\\.tmp$")]
    private static partial Regex OldAtomicTempName();
}
