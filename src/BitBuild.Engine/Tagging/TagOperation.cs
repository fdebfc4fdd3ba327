using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.LocalScope;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Output;
using BitBuild.Engine.Packages;
using BitBuild.Engine.State;
using BitBuild.Engine.Status;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// <c>dotnet bit tag</c>: plans the new versions, packs them all in one MSBuild run into the local scope, then records them
/// in .bitmap. Everything happens under the workspace lock; .bitmap changes only after every package was built, so a
/// failed build records nothing.
/// </summary>
public static class TagOperation
{
    public static TagResult Run(Workspace workspace, TagRequest request, IOperationLog log)
    {
        // A bad version or label is a usage error whatever the workspace holds: say so before anything is evaluated.
        request.Increment.Validate();
        using var _ = workspace.Lock(log.Info);
        WorkspaceLeftovers.Remove(workspace);
        var bitmap = workspace.ReadBitmap();
        var (declarations, projects) = ComponentDiscovery.Evaluate(workspace, describeReferences: true);
        var graph = ComponentGraph.FromReferences(declarations, projects.ToDictionary(p => p.Key, p => p.Value.References), workspace.Relative);
        var plan = TagPlanner.Plan(
            declarations, graph, bitmap, c => WorkspaceStatus.HashOf(c, declarations), request,
            c => projects.TryGetValue(c.Id, out var project) ? BuildInputs.Of(project, workspace.Relative) : null);
        if (plan.Tags.Count == 0)
        {
            return new TagResult([], plan.Unchanged);
        }

        PackabilityCheck.Require(workspace, plan.Tags.Select(t => declarations.Find(t.Id)!), projects);

        var time = DateTimeOffset.UtcNow;
        time = new DateTimeOffset(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var requests = plan.Tags.Select(t => PackRequest.ForLocalScope(workspace, declarations, t.Id, t.Version, t.Hash, request.Message, time, t.Dependencies, t.Inputs)).ToList();
        var others = declarations.Components
            .Where(c => bitmap.Find(c.Id)?.Latest is not null)
            .ToDictionary(c => c.Id, c => (c.ProjectPath, bitmap.Find(c.Id)!.Latest!.Version), StringComparer.Ordinal);
        log.Info($"building and packing {plan.Tags.Count} component{(plan.Tags.Count == 1 ? "" : "s")}: {string.Join(", ", plan.Tags.Select(t => $"{t.Id} {t.Version}"))}");
        var packages = ComponentPacker.Pack(workspace, requests, others, log);

        var store = new LocalScopeStore(workspace);
        foreach (var tag in plan.Tags)
        {
            store.Store(tag.Id, tag.Version, packages[tag.Id]);
        }

        ComponentPacker.CleanUp(packages);
        foreach (var tag in plan.Tags)
        {
            var state = bitmap.GetOrAdd(tag.Id);
            state.Project = workspace.Relative(tag.ProjectPath);
            var version = new TaggedVersion { Version = tag.Version, Hash = tag.Hash, Message = request.Message, Time = time, Inputs = tag.Inputs };
            foreach (var (dep, depVersion) in tag.Dependencies)
            {
                version.Dependencies[dep] = depVersion;
            }

            state.Versions.Add(version);
        }

        workspace.WriteBitmap(bitmap);
        return new TagResult(plan.Tags, plan.Unchanged);
    }
}
