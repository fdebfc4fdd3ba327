using BitBuild.Engine.Naming;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace BitBuild.Tasks;

/// <summary>
/// Tells a project whether it is a component and which id it has: the <c>BitComponent</c> item whose path is this project,
/// its <c>Id</c> metadata, else the id derived from its folder exactly as the engine derives it (shared ComponentId code).
/// </summary>
public sealed class BitResolveComponent : MSBuildTask
{
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    [Required]
    public string WorkspaceRoot { get; set; } = string.Empty;

    /// <summary>The evaluated BitComponent items (globs already expanded by MSBuild).</summary>
    public ITaskItem[] Components { get; set; } = [];

    /// <summary>This project's component id; empty when the project is not a component.</summary>
    [Output]
    public string ComponentId { get; private set; } = string.Empty;

    public override bool Execute()
    {
        var project = Path.GetFullPath(ProjectPath);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        // As in the engine's discovery, the last item for a project wins (an explicit item after a glob).
        var match = Components.LastOrDefault(c => string.Equals(Path.GetFullPath(c.GetMetadata("FullPath")), project, comparison));
        if (match is null)
        {
            return true;
        }

        var id = match.GetMetadata("Id").Trim();
        if (id.Length == 0)
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(WorkspaceRoot), Path.GetDirectoryName(project)!);
            id = Engine.Naming.ComponentId.FromFolder(relative);
        }

        ComponentId = id;
        return true;
    }
}
