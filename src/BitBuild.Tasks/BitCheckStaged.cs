using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace BitBuild.Tasks;

/// <summary>
/// The cheap gate in front of export-on-build: reads <c>.bitmap</c> in-process and says whether anything is staged, so a
/// build with nothing to export never starts the engine (nor even asks MSBuild's scheduler for the workspace project).
/// Every project of a build calls it, so the answer is kept for the build (RegisterTaskObject, per node) under the
/// file's path, size and time stamp: the file is parsed once per node, and a .bitmap changed mid-build is read again.
/// A .bitmap that does not parse counts as "something to do": the engine then reports it with BIT1003 and its location.
/// </summary>
public sealed class BitCheckStaged : MSBuildTask
{
    [Required]
    public string BitmapPath { get; set; } = string.Empty;

    [Output]
    public bool HasStaged { get; private set; }

    [Output]
    public string[] StagedIds { get; private set; } = [];

    public override bool Execute()
    {
        var file = new FileInfo(BitmapPath);
        if (!file.Exists)
        {
            Log.LogMessage(MessageImportance.Low, "BitBuild: no {0}, nothing is staged.", BitmapPath);
            return true;
        }

        var key = $"BitBuild.StagedComponents|{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
        var cache = BuildEngine as IBuildEngine4;
        if (cache?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is string[] cached)
        {
            Report(cached, fromCache: true);
            return true;
        }

        var staged = StagedComponents.Find(File.ReadAllBytes(file.FullName));
        if (staged is null)
        {
            Log.LogMessage(MessageImportance.Low, "BitBuild: {0} does not parse; the engine will say why.", BitmapPath);
            HasStaged = true;
            return true;
        }

        string[] ids = [.. staged];
        cache?.RegisterTaskObject(key, ids, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: true);
        Report(ids, fromCache: false);
        return true;
    }

    private void Report(string[] ids, bool fromCache)
    {
        StagedIds = ids;
        HasStaged = ids.Length > 0;
        Log.LogMessage(MessageImportance.Low, "BitBuild: staged components{0}: {1}", fromCache ? " (known from earlier in this build)" : "", ids.Length == 0 ? "none" : string.Join(", ", ids));
    }
}
