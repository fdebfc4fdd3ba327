using BitBuild.Engine.Processes;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// A shallow clone (CI's default: GitHub Actions fetches one commit) has too little history for the versioning packages
/// that walk it: Nerdbank.GitVersioning fails the build ("Shallow clone lacks the objects required to calculate version
/// height"), and so does GitVersion.MsBuild. Tag's build, and export's rebuild of a tagged version, stamp the tagged
/// version over whatever they compute (<see cref="TaggedVersionTargets"/>), so in a shallow clone their git walk is
/// turned off with the switches each package documents for it; a value the user set in the environment is left alone.
/// </summary>
internal static class ShallowCloneVersioning
{
    private static readonly (string Property, string Value)[] Switches =
    [
        ("NBGV_GitEngine", "Disabled"),
        ("DisableGitVersionTask", "true"),
    ];

    /// <summary>The MSBuild arguments for tag's build: none unless the workspace is in a shallow git clone.</summary>
    public static IReadOnlyList<string> Arguments(string workspaceRoot) =>
        IsShallow(workspaceRoot)
            ? Switches.Where(s => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(s.Property))).Select(s => $"-p:{s.Property}={s.Value}").ToList()
            : [];

    private static bool IsShallow(string workspaceRoot)
    {
        if (Environment.GetEnvironmentVariable("BIT_NO_GIT") == "1")
        {
            return false;
        }

        try
        {
            var result = ProcessRunner.Run("git", ["rev-parse", "--is-shallow-repository"], workspaceRoot);
            return result.ExitCode == 0 && result.StandardOutput.Trim() == "true";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // git is not installed
        }
    }
}
