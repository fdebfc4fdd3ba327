using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Status;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool.Commands;

[Command("show", Description = "Show one component: its project, primary scope, package ids, and every tagged version with its hash, message, dependencies and scopes.")]
internal sealed class ShowCommand : WorkspaceCommand
{
    [Argument(0, "id", Description = "The component id.")]
    public string? Id { get; set; }

    [Option("--json", Description = "Write the details as JSON.")]
    public bool Json { get; set; }

    protected override int Execute(CommandLineApplication app)
    {
        if (Id is null)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Name the component to show, e.g. 'dotnet bit show hello/world'.") { IsUsageError = true };
        }

        ComponentId.ValidateArgument(Id, "the component to show");
        var workspace = FindWorkspace();
        // The same description status uses (cached), so show calls a component modified exactly when status does.
        var (declarations, projects) = DescriptionCache.Evaluate(workspace);
        var bitmap = workspace.ReadBitmap();
        var status = WorkspaceStatus.Compute(workspace, declarations, bitmap, projects).FirstOrDefault(s => s.Id == Id)
            ?? throw new BitException(DiagnosticCodes.UnknownComponent, $"No component {Id} in this workspace. 'dotnet bit list' shows the components.");
        var state = bitmap.Find(Id);
        var versions = state?.Versions.AsEnumerable().Reverse().ToList() ?? [];
        var scopes = versions.SelectMany(v => v.ExportedTo).Append(status.PrimaryScope).OfType<string>().Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (Json)
        {
            WriteJson(new
            {
                id = status.Id,
                status = status.Stage,
                project = status.ProjectPath is null ? null : workspace.Relative(status.ProjectPath),
                scope = status.PrimaryScope,
                pendingScope = status.PendingScope,
                changedInputs = status.ChangedInputs,
                packageIds = scopes.ToDictionary(s => s, s => PackageIds.InScope(s, status.Id)),
                versions = versions.Select(v => new { version = v.Version, hash = v.Hash, message = v.Message, time = v.Time, dependencies = v.Dependencies, exportedTo = v.ExportedTo }),
            });
            return ExitCodes.Success;
        }

        Console.Out.WriteLine($"{status.DisplayName}  ({status.Stage.ToString().ToLowerInvariant()})");
        if (status.ProjectPath is not null)
        {
            Console.Out.WriteLine($"  project:       {workspace.Relative(status.ProjectPath)}");
        }

        foreach (var change in status.ChangedInputs)
        {
            Console.Out.WriteLine($"  modified:      {change}");
        }

        Console.Out.WriteLine($"  primary scope: {status.PrimaryScope ?? (status.PendingScope is null ? "(none yet)" : $"(none yet; first export goes to {status.PendingScope})")}");
        foreach (var scope in scopes)
        {
            Console.Out.WriteLine($"  package in {scope}: {PackageIds.InScope(scope, status.Id)}");
        }

        foreach (var v in versions)
        {
            var where = v.ExportedTo.Count == 0 ? "staged" : "exported to " + string.Join(", ", v.ExportedTo);
            Console.Out.WriteLine($"  {v.Version}  {v.Time:yyyy-MM-dd HH:mm}Z  {ContentHash.Short(v.Hash)}  {where}");
            if (!string.IsNullOrEmpty(v.Message))
            {
                Console.Out.WriteLine($"      {v.Message}");
            }

            foreach (var (dep, depVersion) in v.Dependencies)
            {
                Console.Out.WriteLine($"      depends on {dep}@{depVersion}");
            }
        }

        return ExitCodes.Success;
    }
}
