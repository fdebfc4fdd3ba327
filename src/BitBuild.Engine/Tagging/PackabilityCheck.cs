using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.MsBuild;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// Before tag builds anything: each component to tag must be something Pack can make a package of. A project that says
/// it is not packable (IsPackable false, the SDK's default for test, web and worker projects), one that does not use the
/// .NET SDK, or one that packs a file that is not there (what a repository's own build script generates) would otherwise
/// fail or, worse, be packed against the repository's intent after a full build. Each is reported with the project and
/// the cause, in the time of one evaluation.
/// </summary>
internal static class PackabilityCheck
{
    /// <param name="command">The command that would build: "tag", or "export" rebuilding tagged versions in a fresh clone.</param>
    public static void Require(Workspace workspace, IEnumerable<DeclaredComponent> components, IReadOnlyDictionary<string, ProjectDescription> projects, string command = "tag")
    {
        var nothingDone = command == "tag" ? "nothing was built or tagged" : $"nothing was built or sent by {command}";
        foreach (var component in components)
        {
            if (!projects.TryGetValue(component.Id, out var project))
            {
                continue;
            }

            var path = workspace.Relative(component.ProjectPath);
            if (!project.IsSdkStyle)
            {
                throw new BitException(
                    DiagnosticCodes.NotSdkStyleProject,
                    $"{component.Id}: {path} is not an SDK-style project (it does not use Microsoft.NET.Sdk), and tag makes packages with the SDK's Pack target, " +
                    $"so {nothingDone}. Convert the project to the SDK style (for example with the .NET Upgrade Assistant), or remove its BitComponent item.",
                    component.ProjectPath);
            }

            if (!project.IsPackable)
            {
                throw new BitException(
                    DiagnosticCodes.ComponentNotPackable,
                    $"{component.Id}: {path} is not packable: IsPackable is false, {WhyNotPackable(workspace, component.ProjectPath)}; {nothingDone}. " +
                    "A component is exported as a package: if this project is meant to be one, set <IsPackable>true</IsPackable> in it (or only while BitBuild tags: " +
                    "Condition=\"'$(BitTagging)' == 'true'\"); if it is not, remove its BitComponent item.",
                    component.ProjectPath);
            }

            if (project.MissingPackInputs.Count > 0)
            {
                var files = string.Join(", ", project.MissingPackInputs.Select(f => workspace.Relative(f)));
                throw new BitException(
                    DiagnosticCodes.MissingPackInput,
                    $"{component.Id}: {path} packs {files} (None or Content items with Pack=\"true\"), which {(project.MissingPackInputs.Count == 1 ? "does" : "do")} not exist, " +
                    $"so {nothingDone}. If the repository's own build script generates them, run it first; otherwise fix or remove the items. Then run {command} again.",
                    component.ProjectPath);
            }
        }
    }

    /// <summary>The last place the evaluation sets IsPackable to false: the repository's file, a package, or the SDK's default for the kind of project.</summary>
    private static string WhyNotPackable(Workspace workspace, string project)
    {
        // The SDK only sets IsPackable as a default (when still empty, for test, web and worker projects), so a setter of
        // the repository's or of a package, wherever it is in the evaluation, is the one that decided.
        var setters = PropertySetterSearch.Find(workspace, project, "IsPackable")
            .Where(s => s.Setter.Target is null && string.Equals(s.Setter.Value, "false", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var setter = setters.LastOrDefault(s => !s.InSdk) is { Setter: not null } own ? own : setters.LastOrDefault();
        return setter.Setter is null
            ? "set somewhere in its evaluation (see 'dotnet msbuild -pp')"
            : setter.InSdk
                ? $"the .NET SDK's default for this kind of project ({Path.GetFileName(setter.Setter.File)})"
                : $"set in {PropertySetterSearch.Describe(workspace, setter.Setter)}";
    }
}
