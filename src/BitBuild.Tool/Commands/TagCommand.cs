using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Tagging;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("tag", Description = "Tag components into immutable versions: build and pack them into the local scope and record them in .bitmap.")]
internal sealed class TagCommand : WorkspaceCommand
{
    [Argument(0, "args", Description = "Component ids or patterns (e.g. utils/*), optionally followed by a VERSION (e.g. 1.0.0). None: every new or modified component.")]
    public string[] Arguments { get; set; } = [];

    [Option("-a|--all", Description = "Tag every new and modified component (the default when no ids are given).")]
    public bool All { get; set; }

    [Option("--patch", Description = "Increment the patch number (the default).")]
    public bool Patch { get; set; }

    [Option("--minor", Description = "Increment the minor number.")]
    public bool Minor { get; set; }

    [Option("--major", Description = "Increment the major number.")]
    public bool Major { get; set; }

    [Option("--pre-release <LABEL>", Description = "Tag a pre-release, e.g. --pre-release beta gives 1.0.1-beta.0.")]
    public string? PreRelease { get; set; }

    [Option("-m|--message <MESSAGE>", Description = "The tag message, kept in .bitmap and in the package.")]
    public string? Message { get; set; }

    [Option("--json", Description = "Write the result as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var (ids, version) = IdsAndVersion.Split(Arguments);
        if (All && ids.Count > 0)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Give either component ids or --all, not both.") { IsUsageError = true };
        }

        var kinds = new[] { Patch, Minor, Major, PreRelease is not null }.Count(k => k);
        if (kinds > 1 || (kinds == 1 && version is not null))
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Choose one of VERSION, --patch, --minor, --major and --pre-release.") { IsUsageError = true };
        }

        var kind = Minor ? IncrementKind.Minor : Major ? IncrementKind.Major : PreRelease is not null ? IncrementKind.PreRelease : IncrementKind.Patch;
        var log = CreateLog(Json);
        var result = TagOperation.Run(FindWorkspace(), new TagRequest(ids, All, new VersionIncrement(kind, PreRelease, version), Message), log);
        if (Json)
        {
            WriteJson(new
            {
                tagged = result.Tagged.Select(t => new { id = t.Id, version = t.Version, previousVersion = t.PreviousVersion, hash = t.Hash, autoTagged = t.AutoTagged, dependencies = t.Dependencies }),
                unchanged = result.Unchanged,
            });
            return ExitCodes.Success;
        }

        foreach (var id in result.Unchanged)
        {
            Console.Out.WriteLine($"{id} is unchanged since its last tag; nothing to tag");
        }

        if (result.Tagged.Count == 0)
        {
            if (result.Unchanged.Count == 0)
            {
                Console.Out.WriteLine("nothing to tag: every component is unchanged since its last tag");
            }

            return ExitCodes.Success;
        }

        var manual = result.Tagged.Where(t => !t.AutoTagged).ToList();
        var auto = result.Tagged.Where(t => t.AutoTagged).ToList();
        Console.Out.WriteLine(manual.Count == 1 ? "1 component was tagged" : $"{manual.Count} components were tagged");
        foreach (var t in manual)
        {
            Console.Out.WriteLine($"  {t.Id}@{t.Version}");
        }

        if (auto.Count > 0)
        {
            Console.Out.WriteLine(auto.Count == 1 ? "1 dependent was auto-tagged so it depends on the new versions" : $"{auto.Count} dependents were auto-tagged so they depend on the new versions");
            foreach (var t in auto)
            {
                Console.Out.WriteLine($"  {t.Id}@{t.Version} (depends on {string.Join(", ", t.Dependencies.Select(d => $"{d.Key}@{d.Value}"))})");
            }
        }

        return ExitCodes.Success;
    }
}
