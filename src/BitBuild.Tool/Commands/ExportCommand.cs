using BitBuild.Engine.Eject;
using BitBuild.Engine.Export;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("export", Description = "Export tagged components to a remote scope (a NuGet feed) as packages '{scope}.{id}'.")]
internal sealed class ExportCommand : WorkspaceCommand
{
    [Argument(0, "scope", Description = "The scope to export to. None: each component goes to its primary scope (first export: its Scope metadata, else BitDefaultScope).")]
    public string? Scope { get; set; }

    [Argument(1, "ids", Description = "Component ids or patterns (e.g. \"utils/*\"). None: every staged component.")]
    public string[] Ids { get; set; } = [];

    [Option("--json", Description = "Write the result as JSON.")]
    public bool Json { get; set; }

    [Option("--dry-run", Description = "Print what would be sent where (and what would be skipped); send and change nothing.")]
    public bool DryRun { get; set; }

    [Option("--api-key <KEY>", Description = "API key for an http scope (default: NuGet.Config apikeys). Never printed.")]
    public string? ApiKey { get; set; }

    [Option("-d|--include-dependencies", Description = "Also export the components' component dependencies to the scope.")]
    public bool IncludeDependencies { get; set; }

    [Option("-r|--rewire", Description = "With --include-dependencies: the copies depend on the copies in the target scope.")]
    public bool Rewire { get; set; }

    [Option("-s|--set-current-scope", Description = "Make the target scope the components' primary scope.")]
    public bool SetCurrentScope { get; set; }

    [Option("-e|--eject", Description = "Replace the exported components by package references afterwards.")]
    public bool Eject { get; set; }

    [Option("-a|--all", Description = "Export every tagged version the scope lacks, staged or not.")]
    public bool All { get; set; }

    [Option("--push-each-package", Description = "Push package by package also to BitBuild scope servers (not all or nothing); only needed when the scopes depend on each other both ways.")]
    public bool PushEachPackage { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        var (scope, ids) = SplitScope(Scope, Ids);
        var log = CreateLog(Json);
        var combined = ExportThenEject.Run(FindWorkspace(), new ExportOptions
        {
            Scope = scope,
            Ids = ids,
            DryRun = DryRun,
            ApiKey = ApiKey,
            IncludeDependencies = IncludeDependencies,
            Rewire = Rewire,
            SetCurrentScope = SetCurrentScope,
            Eject = Eject,
            All = All,
            PushEachPackage = PushEachPackage,
        }, log);
        var result = combined.Export;

        if (Json)
        {
            WriteJson(new
            {
                dryRun = result.DryRun,
                nothingToExport = result.NothingToExport,
                scopes = result.Scopes.Select(s => new
                {
                    scope = s.Scope,
                    location = s.Location,
                    exportedComponents = s.ExportedComponents,
                    packages = s.Packages.Select(p => new
                    {
                        id = p.ComponentId,
                        version = p.Version,
                        packageId = p.PackageId,
                        status = p.Action == PackageAction.Send ? (result.DryRun ? "would-send" : "sent") : (result.DryRun ? "would-skip" : "skipped"),
                        rebuilt = p.Rebuilt,
                        dependsOn = p.DependsOn,
                    }),
                }),
                componentsWithoutScope = result.ComponentsWithoutScope,
                stillStaged = result.StillStaged.Select(s => new { id = s.ComponentId, exportedTo = s.ExportedTo, primaryScope = s.PrimaryScope }),
                primaryScopeChanges = result.PrimaryScopeChanges.Select(c => new { id = c.ComponentId, from = c.From, to = c.To }),
                ejected = combined.Eject,
            });
            return combined.EjectFailure is null ? ExitCodes.Success : throw combined.EjectFailure;
        }

        if (result.NothingToExport)
        {
            Console.Out.WriteLine("nothing to export");
            return ExitCodes.Success;
        }

        foreach (var s in result.Scopes)
        {
            if (result.DryRun)
            {
                Console.Out.WriteLine($"scope {s.Scope} ({s.Location}):");
                foreach (var p in s.Packages)
                {
                    Console.Out.WriteLine(p.Action == PackageAction.Send
                        ? $"  would send {p.PackageId} {p.Version} ({p.ComponentId}{(p.Rebuilt ? ", rebuilt from the tagged sources" : "")})"
                        : $"  would skip {p.PackageId} {p.Version} ({p.ComponentId}; already in the scope with the same content)");
                    if (p.Action == PackageAction.Send && p.DependsOn.Count > 0)
                    {
                        Console.Out.WriteLine($"    depending on {string.Join(", ", p.DependsOn)}");
                    }
                }

                continue;
            }

            foreach (var p in s.Skipped)
            {
                Console.Out.WriteLine($"{p.ComponentId} {p.Version} is already in scope {s.Scope} with the same content; skipped");
            }

            var exported = s.ExportedComponents;
            if (exported.Count == 1)
            {
                Console.Out.WriteLine($"component {exported[0]} was exported to scope {s.Scope}");
            }
            else if (exported.Count > 1)
            {
                Console.Out.WriteLine($"{exported.Count} components were exported to scope {s.Scope}");
            }
        }

        foreach (var change in result.PrimaryScopeChanges)
        {
            Console.Out.WriteLine($"the primary scope of {change.ComponentId} is now {change.To}{(change.From is null ? "" : $" (was {change.From})")}");
        }

        foreach (var staged in result.StillStaged)
        {
            Console.Out.WriteLine(
                $"{(result.DryRun ? "would stay" : "stays")} staged: {staged.ComponentId} {(result.DryRun ? "would be" : "was")} exported to {staged.ExportedTo}; not yet to its primary scope {staged.PrimaryScope} " +
                $"(add --set-current-scope to make {staged.ExportedTo} its primary scope)");
        }

        if (result.DryRun)
        {
            Console.Out.WriteLine("dry run: nothing was sent and nothing changed");
        }

        if (combined.Eject is not null)
        {
            EjectCommand.Print(Console.Out, combined.Eject);
        }

        return combined.EjectFailure is null ? ExitCodes.Success : throw combined.EjectFailure;
    }

    /// <summary>
    /// <c>export hello/world</c> has no scope: a first argument that cannot be a scope name (it has '/' or '*') is an id.
    /// </summary>
    private static (string? Scope, IReadOnlyList<string> Ids) SplitScope(string? first, string[] rest)
    {
        if (first is null)
        {
            return (null, rest);
        }

        return first.Contains('/') || first.Contains('*')
            ? (null, [first, .. rest])
            : (first, rest);
    }
}
