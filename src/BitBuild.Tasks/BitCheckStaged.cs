using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace BitBuild.Tasks;

/// <summary>
/// The cheap gate in front of export-on-build: reads <c>.bitmap</c> in-process and says whether anything is staged, so a
/// build with nothing to export never starts the engine. A .bitmap that does not parse counts as "something to do": the
/// engine then reports it with its proper BIT1003 error and location.
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
        if (!File.Exists(BitmapPath))
        {
            Log.LogMessage(MessageImportance.Low, "BitBuild: no {0}, nothing is staged.", BitmapPath);
            return true;
        }

        var staged = StagedComponents.Find(File.ReadAllBytes(BitmapPath));
        if (staged is null)
        {
            Log.LogMessage(MessageImportance.Low, "BitBuild: {0} does not parse; the engine will say why.", BitmapPath);
            HasStaged = true;
            return true;
        }

        StagedIds = [.. staged];
        HasStaged = staged.Count > 0;
        Log.LogMessage(MessageImportance.Low, "BitBuild: staged components: {0}", staged.Count == 0 ? "none" : string.Join(", ", staged));
        return true;
    }
}
