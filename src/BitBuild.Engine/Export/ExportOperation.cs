using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Files;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.LocalScope;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Output;
using BitBuild.Engine.Packages;
using BitBuild.Engine.Scopes;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;
using NuGet.Versioning;

namespace BitBuild.Engine.Export;

/// <summary>
/// <c>dotnet bit export</c>. Everything is planned and checked before the first package leaves: the selection, package ids,
/// dependency scopes, every scope reachable and writable, every package's existence in its scope (same hash: skipped;
/// different: BIT3003 for all of them at once, nothing sent, workspace unchanged), and every local package verified
/// against its tagged hash (BIT3007), rebuilt first when missing (fresh clone). Then packages are rewritten and sent
/// dependencies first, so a crash never leaves a scope with a package whose dependencies are missing, and running export
/// again finishes the job (what arrived is found and skipped). .bitmap records what reached each scope, under the lock.
/// </summary>
public static class ExportOperation
{
    /// <summary>The system temp folders that hold an atomic export request's packages while it is sent.</summary>
    private const string AtomicRequestFolderPrefix = "bitbuild-export-";

    public static ExportResult Run(Workspace workspace, ExportOptions options, IOperationLog log, CancellationToken cancellationToken = default) =>
        RunAsync(workspace, options, log, cancellationToken).GetAwaiter().GetResult();

    public static async Task<ExportResult> RunAsync(Workspace workspace, ExportOptions options, IOperationLog log, CancellationToken cancellationToken = default)
    {
        CheckOptions(options);
        using var _ = workspace.Lock(log.Info);
        WorkspaceLeftovers.Remove(workspace);
        OwnedTempName.Sweep(Path.GetTempPath(), AtomicRequestFolderPrefix, TimeSpan.FromHours(1));
        OwnedTempName.Sweep(Path.GetTempPath(), HttpScopeFeed.PushFolderPrefix, TimeSpan.FromHours(1));
        var declarations = DeclarationsCache.Evaluate(workspace);
        var bitmap = workspace.ReadBitmap();
        var selection = ExportSelection.Select(options, declarations, bitmap);
        foreach (var id in selection.ComponentsWithoutScope)
        {
            log.Warning(
                DiagnosticCodes.NoScopeForComponent,
                $"component {id} was not exported: it has no scope yet. Name one ('dotnet bit export <scope> {id}'), give it Scope metadata " +
                "('dotnet bit add --scope <scope>'), or set BitDefaultScope ('dotnet bit init --default-scope <scope>').");
        }

        if (selection.Versions.Count == 0)
        {
            // Nothing to send, but --set-current-scope still moves the primary scope of components the target already has.
            var changes = options.SetCurrentScope && !options.DryRun ? SetCurrentScope(workspace, bitmap, selection.Components) : [];
            return new ExportResult(options.DryRun, [], selection.ComponentsWithoutScope) { PrimaryScopeChanges = changes };
        }

        var plan = ExportPlanner.Plan(selection.Versions, bitmap, options.Rewire);
        var feeds = new Dictionary<string, IScopeFeed>(StringComparer.Ordinal);
        using var remote = new RemoteCalls { FailureConsequence = "Nothing was exported." };
        try
        {
            foreach (var scope in plan.Select(p => p.Scope).Distinct())
            {
                var feed = ScopeFeeds.Open(ScopeResolver.Resolve(workspace, declarations, scope, options.ApiKey), remote);
                feeds[scope] = feed;
                await feed.CheckWritableAsync(cancellationToken).ConfigureAwait(false);

                // First, and once per scope: a server that is down or refuses is known in seconds from this one request
                // (with a few retries of what can pass), before the existence checks query it package by package.
                if (feed is IAtomicScopeFeed atomic)
                {
                    await atomic.SupportsAtomicExportAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (plan.Count > 1 && feeds.Values.Any(f => f.Scope.Kind == ScopeKind.Http))
            {
                log.Info($"checking which of the {plan.Count} packages the scopes already hold");
            }

            await CheckScopesAsync(plan, feeds, cancellationToken).ConfigureAwait(false);
            var toSend = plan.Where(p => p.Action == PackageAction.Send).ToList();
            var store = new LocalScopeStore(workspace);
            var versions = toSend.Select(p => (p.ComponentId, bitmap.Find(p.ComponentId)!.FindVersion(p.Version)!)).DistinctBy(v => (v.ComponentId, v.Item2.Version)).ToList();
            var missing = LocalPackages.FindMissing(workspace, declarations, versions);
            foreach (var package in toSend.Where(p => missing.Any(m => m.ComponentId == p.ComponentId && m.Version.Version == p.Version)))
            {
                package.Rebuild = true;
            }

            if (options.DryRun)
            {
                // What the real run would refuse before sending anything, a dry run refuses too.
                foreach (var package in toSend.Where(p => !p.Rebuild))
                {
                    LocalPackageVerifier.Verify(store.PackagePath(package.ComponentId, package.Version), package.ComponentId, bitmap.Find(package.ComponentId)!.FindVersion(package.Version)!);
                }

                return Result(options, plan, feeds, selection.ComponentsWithoutScope) with { StillStaged = StillStaged(bitmap, plan, options.SetCurrentScope ? selection.Components : []) };
            }

            LocalPackages.Rebuild(workspace, declarations, bitmap, missing, log);
            var staged = await PrepareAsync(toSend, bitmap, store, feeds, cancellationToken).ConfigureAwait(false);
            var sent = new List<PlannedPackage>();
            IReadOnlyList<PrimaryScopeChange> changes = [];
            remote.FailureConsequence = "What reached a scope before this stays there (and is recorded); run the export again to send the rest.";
            try
            {
                await SendAsync(plan, feeds, staged, sent, options.PushEachPackage, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Record whatever reached a scope, even when a later package failed: .bitmap then tells the truth, and
                // the next export skips what is there.
                changes = Record(workspace, bitmap, sent, options.SetCurrentScope ? selection.Components : []);
            }

            return Result(options, plan, feeds, selection.ComponentsWithoutScope) with { StillStaged = StillStaged(bitmap, plan), PrimaryScopeChanges = changes };
        }
        finally
        {
            foreach (var feed in feeds.Values)
            {
                feed.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends the planned packages, dependencies first. A scope that takes whole exports atomically (BitBuild's scope server)
    /// gets all of its packages in one request, scopes ordered so that the scopes holding dependencies go first; any other
    /// scope gets one push per package. When scopes depend on each other both ways, every package is pushed on its own.
    /// </summary>
    private static async Task SendAsync(IReadOnlyList<PlannedPackage> plan, IReadOnlyDictionary<string, IScopeFeed> feeds, IReadOnlyDictionary<PlannedPackage, StagedPackage> staged, List<PlannedPackage> sent, bool pushEachPackage, IOperationLog log, CancellationToken cancellationToken)
    {
        var atomic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (scope, feed) in feeds)
        {
            if (feed is IAtomicScopeFeed candidate && plan.Any(p => p.Scope == scope && p.Action == PackageAction.Send) && await candidate.SupportsAtomicExportAsync(cancellationToken).ConfigureAwait(false))
            {
                atomic.Add(scope);
            }
        }

        var scopeOrder = atomic.Count == 0 ? null : ScopesDependenciesFirst(plan);
        if (scopeOrder is null && atomic.Count > 0 && !pushEachPackage)
        {
            // No order of whole-scope requests puts every dependency first: one push per package is the only way, and
            // the scope servers would then not get the export all or nothing. That is the user's call, not a silent fallback.
            throw new BitException(
                DiagnosticCodes.ExportNotAtomic,
                $"The scopes of this export depend on each other both ways, so {string.Join(", ", atomic.Order(StringComparer.Ordinal))} " +
                $"{(atomic.Count == 1 ? "is a BitBuild scope server that" : "are BitBuild scope servers that")} cannot take {(atomic.Count == 1 ? "its" : "their")} packages in one all-or-nothing request; nothing was exported. " +
                "Export one scope at a time ('dotnet bit export <scope>'), or pass --push-each-package to push package by package (not atomic: an interrupted export leaves part of it, which a re-run completes).");
        }

        if (scopeOrder is null)
        {
            for (var i = 0; i < plan.Count; i++)
            {
                await SendOneAsync(plan[i], i + 1, plan.Count, feeds, staged, sent, log, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var done = 0;
        foreach (var scope in scopeOrder)
        {
            var packages = plan.Where(p => p.Scope == scope).ToList();
            if (!atomic.Contains(scope))
            {
                foreach (var package in packages)
                {
                    await SendOneAsync(package, ++done, plan.Count, feeds, staged, sent, log, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var toSend = packages.Where(p => p.Action == PackageAction.Send).ToList();
            done += packages.Count;
            log.Progress(done, plan.Count, $"exporting {toSend.Count} package{(toSend.Count == 1 ? "" : "s")} to scope {scope} in one atomic request");
            // The atomic endpoint takes files: the staged (in-memory) packages go to a temp folder for the request.
            var folder = Path.Combine(Path.GetTempPath(), OwnedTempName.Create(AtomicRequestFolderPrefix));
            Directory.CreateDirectory(folder);
            ScopeServerExportResult answer;
            try
            {
                var paths = new List<string>();
                foreach (var package in toSend)
                {
                    var path = Path.Combine(folder, PackageIds.FileName(package.PackageId, ExportPlanner.Normalize(package.Version)));
                    await File.WriteAllBytesAsync(path, staged[package].Package, cancellationToken).ConfigureAwait(false);
                    paths.Add(path);
                }

                answer = await ExportAtomicallyAsync((IAtomicScopeFeed)feeds[scope], toSend, paths, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            foreach (var package in toSend.Where(p => answer.Skipped.Any(s => string.Equals(s.Id, p.PackageId, StringComparison.OrdinalIgnoreCase) && ExportPlanner.Normalize(s.Version) == ExportPlanner.Normalize(p.Version))))
            {
                // The server found the same manifest already there (another exporter was first): nothing new landed for it.
                package.Action = PackageAction.AlreadyInScope;
            }

            sent.AddRange(packages);
        }
    }

    /// <summary>
    /// One atomic request. When it gets no answer (BIT3028: the connection dropped, the server died), the scope holds all
    /// of it or none; one look at the scope tells which: all of it is success (the answer alone was lost), none of it
    /// says so, and a scope that cannot be read any more leaves "all or none" standing. Re-running export finishes the job.
    /// </summary>
    private static async Task<ScopeServerExportResult> ExportAtomicallyAsync(IAtomicScopeFeed feed, IReadOnlyList<PlannedPackage> toSend, IReadOnlyList<string> paths, IOperationLog log, CancellationToken cancellationToken)
    {
        try
        {
            return await feed.ExportAtomicallyAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        catch (BitException interrupted) when (interrupted.Code == DiagnosticCodes.ExportInterrupted && toSend.Count > 0)
        {
            ScopePackage? landed;
            try
            {
                var first = toSend[0];
                landed = await feed.FindAsync(first.PackageId, NuGetVersion.Parse(first.Version), cancellationToken).ConfigureAwait(false);
            }
            catch (BitException)
            {
                throw interrupted;
            }

            if (landed is null)
            {
                throw new BitException(
                    DiagnosticCodes.ExportInterrupted,
                    $"{interrupted.Message} Scope {feed.Scope.Name}, read after the failure, holds none of it.",
                    inner: interrupted);
            }

            log.Info($"the export request to scope {feed.Scope.Name} got no answer, but the scope, read after the failure, holds the export: the server committed it");
            return new ScopeServerExportResult(feed.Scope.Name, toSend.Select(p => new ScopeServerPackage(p.PackageId, p.Version, p.Hash)).ToList(), []);
        }
    }

    private static async Task SendOneAsync(PlannedPackage package, int index, int total, IReadOnlyDictionary<string, IScopeFeed> feeds, IReadOnlyDictionary<PlannedPackage, StagedPackage> staged, List<PlannedPackage> sent, IOperationLog log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (package.Action != PackageAction.Send)
        {
            log.Progress(index, total, $"{package.ComponentId} {package.Version} is already in scope {package.Scope}");
            sent.Add(package);
            return;
        }

        log.Progress(index, total, $"exporting {package.ComponentId} {package.Version} to scope {package.Scope}");
        var outcome = await feeds[package.Scope].PublishAsync(staged[package], cancellationToken).ConfigureAwait(false);
        if (outcome == PushOutcome.AlreadyExists)
        {
            // Another exporter got there between our check and our push: accept it only if it is the same content.
            var present = await feeds[package.Scope].FindAsync(package.PackageId, NuGetVersion.Parse(package.Version), cancellationToken).ConfigureAwait(false);
            if (present is not null && (present.Hash != package.Hash || !SameDependencies(present, package)))
            {
                throw Conflict([(package, present.Hash)]);
            }

            package.Action = PackageAction.AlreadyInScope;
        }

        sent.Add(package);
    }

    /// <summary>The scopes of the plan, each after the scopes its packages' dependencies (sent in this export) go to; null on a cycle.</summary>
    private static List<string>? ScopesDependenciesFirst(IReadOnlyList<PlannedPackage> plan)
    {
        var scopes = plan.Select(p => p.Scope).Distinct().ToList();
        var needs = scopes.ToDictionary(s => s, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var package in plan.Where(p => p.Action == PackageAction.Send))
        {
            foreach (var (depId, target) in package.Dependencies)
            {
                var depVersion = ExportPlanner.Normalize(package.DependencyVersions[depId]);
                if (target.Scope != package.Scope && plan.Any(p => p.Scope == target.Scope && p.ComponentId == depId && ExportPlanner.Normalize(p.Version) == depVersion && p.Action == PackageAction.Send))
                {
                    needs[package.Scope].Add(target.Scope);
                }
            }
        }

        var ordered = new List<string>();
        while (ordered.Count < scopes.Count)
        {
            var next = scopes.FirstOrDefault(s => !ordered.Contains(s) && needs[s].All(ordered.Contains));
            if (next is null)
            {
                return null;
            }

            ordered.Add(next);
        }

        return ordered;
    }

    /// <summary>
    /// Verifies every local package (BIT3007), rewrites it into the scope's package (in memory) and stages it in its
    /// scope (nothing visible yet), before the first package is published. The packages are independent, so this runs in
    /// parallel; publishing that follows stays in dependency order.
    /// </summary>
    /// <summary>
    /// The symbol package tag kept next to the local package, under the scope's id like its package (NuGet pairs the two
    /// by id and version); null when the component's build makes none.
    /// </summary>
    private static byte[]? RewrittenSymbols(string path, PlannedPackage package, ComponentManifest manifest)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var rewritten = new MemoryStream();
        PackageRewriter.Rewrite(File.ReadAllBytes(path), rewritten, package.Scope, package.PackageId, package.Dependencies, manifest);
        return rewritten.ToArray();
    }

    private static async Task<Dictionary<PlannedPackage, StagedPackage>> PrepareAsync(
        IReadOnlyList<PlannedPackage> toSend, Bitmap bitmap, LocalScopeStore store, IReadOnlyDictionary<string, IScopeFeed> feeds, CancellationToken cancellationToken)
    {
        var staged = new System.Collections.Concurrent.ConcurrentDictionary<PlannedPackage, StagedPackage>(ReferenceEqualityComparer.Instance);
        var order = toSend.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, (IEqualityComparer<PlannedPackage>)ReferenceEqualityComparer.Instance);
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, Exception Error)>();
        await Parallel.ForEachAsync(toSend, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount * 2 }, async (package, ct) =>
        {
            try
            {
                var local = store.PackagePath(package.ComponentId, package.Version);
                var bytes = File.ReadAllBytes(local);
                var manifest = LocalPackageVerifier.Verify(bytes, local, package.ComponentId, bitmap.Find(package.ComponentId)!.FindVersion(package.Version)!);
                using var rewritten = new MemoryStream();
                PackageRewriter.Rewrite(bytes, rewritten, package.Scope, package.PackageId, package.Dependencies, manifest);
                var symbols = RewrittenSymbols(store.SymbolsPath(package.ComponentId, package.Version), package, manifest);
                staged[package] = await feeds[package.Scope].StageAsync(rewritten.ToArray(), symbols, package.PackageId, NuGetVersion.Parse(package.Version), ct).ConfigureAwait(false);
            }
            catch (BitException ex)
            {
                failures.Add((order[package], ex));
            }
        }).ConfigureAwait(false);

        if (!failures.IsEmpty)
        {
            // Report the first problem in send order, the one a sequential run would have met.
            throw failures.OrderBy(f => f.Index).First().Error;
        }

        return new Dictionary<PlannedPackage, StagedPackage>(staged, ReferenceEqualityComparer.Instance);
    }

    private static void CheckOptions(ExportOptions options)
    {
        if (options.Scope is not null)
        {
            ScopeName.ValidateArgument(options.Scope, "the scope to export to");
        }

        if ((options.IncludeDependencies || options.Rewire || options.SetCurrentScope) && options.Scope is null)
        {
            throw new BitException(
                DiagnosticCodes.OptionNeedsScope,
                "--include-dependencies, --rewire and --set-current-scope need a target scope: 'dotnet bit export <scope> <ids…> --include-dependencies'.") { IsUsageError = true };
        }

        if (options.Rewire && !options.IncludeDependencies)
        {
            throw new BitException(DiagnosticCodes.OptionNeedsScope, "--rewire points copies at the copies of their dependencies; use it with --include-dependencies.") { IsUsageError = true };
        }
    }

    /// <summary>Existence and conflict checks for every package, before anything is sent.</summary>
    private static async Task CheckScopesAsync(IReadOnlyList<PlannedPackage> plan, IReadOnlyDictionary<string, IScopeFeed> feeds, CancellationToken cancellationToken)
    {
        var conflicts = new List<(PlannedPackage Package, string? ScopeHash)>();
        using var throttle = new SemaphoreSlim(8);
        var checks = plan.Select(async package =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (package, await feeds[package.Scope].FindAsync(package.PackageId, NuGetVersion.Parse(package.Version), cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                throttle.Release();
            }
        });
        foreach (var (package, present) in await Task.WhenAll(checks).ConfigureAwait(false))
        {
            if (present is null)
            {
                continue;
            }

            if (present.Hash == package.Hash && SameDependencies(present, package))
            {
                package.Action = PackageAction.AlreadyInScope;
            }
            else
            {
                conflicts.Add((package, present.Hash));
            }
        }

        if (conflicts.Count > 0)
        {
            throw Conflict(conflicts);
        }
    }

    /// <summary>
    /// The same sources with other dependencies (e.g. a copy exported without --rewire, now exported with it) are different
    /// content too: skipping would leave the scope's package depending on something else than the user asked for.
    /// </summary>
    private static bool SameDependencies(ScopePackage present, PlannedPackage package) =>
        present.DependencyPackageIds is null
        || present.DependencyPackageIds.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(package.Dependencies.Values.Select(d => d.PackageId).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private static BitException Conflict(IReadOnlyList<(PlannedPackage Package, string? ScopeHash)> conflicts) =>
        new(DiagnosticCodes.ExportConflict,
            $"Nothing was exported: {(conflicts.Count == 1 ? "a scope already has this version" : $"scopes already have {conflicts.Count} of these versions")} with different content.\n  " +
            string.Join("\n  ", conflicts.Select(c =>
                c.ScopeHash == c.Package.Hash
                    ? $"{c.Package.ComponentId} {c.Package.Version} in scope {c.Package.Scope} ({c.Package.PackageId}): the scope has the same sources ({ContentHash.Short(c.ScopeHash)}) with other component dependencies than this export's ({string.Join(", ", c.Package.Dependencies.Values.Select(d => d.PackageId))}), e.g. exported before with or without --rewire"
                    : $"{c.Package.ComponentId} {c.Package.Version} in scope {c.Package.Scope} ({c.Package.PackageId}): the scope has {(c.ScopeHash is null ? "a package that BitBuild did not make" : ContentHash.Short(c.ScopeHash))}, this workspace tagged {ContentHash.Short(c.Package.Hash)}")) +
            "\nSomeone exported other content under the same versions (another workspace or branch). A version in a scope never changes: " +
            "untag these versions ('dotnet bit untag <id> <version>'), tag again (the next version), and export.");

    /// <summary>
    /// Records in .bitmap which scope each package reached. The first export sets a component's primary scope (Bit: the scope
    /// named on the first export wins over defaultScope); --set-current-scope moves the chosen components' primary scope to
    /// the target. Returns the primary scope changes made by --set-current-scope.
    /// </summary>
    private static IReadOnlyList<PrimaryScopeChange> Record(Workspace workspace, Bitmap bitmap, IReadOnlyList<PlannedPackage> reached, IReadOnlyList<(string Id, string Scope)> makePrimary)
    {
        if (reached.Count == 0)
        {
            return [];
        }

        foreach (var package in reached)
        {
            var state = bitmap.Find(package.ComponentId)!;
            state.FindVersion(package.Version)!.ExportedTo.Add(package.Scope);
            state.Scope ??= package.Scope;
        }

        var changes = MovePrimaryScopes(bitmap, makePrimary);
        workspace.WriteBitmap(bitmap);
        return changes;
    }

    /// <summary>--set-current-scope when the target scope already has everything: only the primary scopes move.</summary>
    private static IReadOnlyList<PrimaryScopeChange> SetCurrentScope(Workspace workspace, Bitmap bitmap, IReadOnlyList<(string Id, string Scope)> makePrimary)
    {
        var changes = MovePrimaryScopes(bitmap, makePrimary);
        if (changes.Count > 0)
        {
            workspace.WriteBitmap(bitmap);
        }

        return changes;
    }

    /// <summary>A component's primary scope moves only when the target scope holds its latest version (else it would "export" nothing).</summary>
    private static List<PrimaryScopeChange> MovePrimaryScopes(Bitmap bitmap, IReadOnlyList<(string Id, string Scope)> makePrimary)
    {
        var changes = new List<PrimaryScopeChange>();
        foreach (var (id, scope) in makePrimary)
        {
            var state = bitmap.Find(id);
            if (state?.Latest is null || state.Scope == scope || !state.Latest.ExportedTo.Contains(scope))
            {
                continue;
            }

            changes.Add(new PrimaryScopeChange(id, state.Scope, scope));
            state.Scope = scope;
        }

        return changes;
    }

    /// <summary>Components that went (or would go) to a scope other than their primary one and keep versions their primary scope lacks.</summary>
    private static IReadOnlyList<StagedElsewhere> StillStaged(Bitmap bitmap, IReadOnlyList<PlannedPackage> plan, IReadOnlyList<(string Id, string Scope)>? becomingPrimary = null)
    {
        var result = new List<StagedElsewhere>();
        foreach (var group in plan.GroupBy(p => (p.ComponentId, p.Scope)))
        {
            var state = bitmap.Find(group.Key.ComponentId);
            if (state?.Scope is null || state.Scope == group.Key.Scope || (becomingPrimary?.Contains((group.Key.ComponentId, group.Key.Scope)) ?? false))
            {
                continue;
            }

            var primaryLacks = state.Versions.Any(v => !v.ExportedTo.Contains(state.Scope) && !plan.Any(p => p.ComponentId == group.Key.ComponentId && p.Scope == state.Scope && p.Version == v.Version));
            if (primaryLacks)
            {
                result.Add(new StagedElsewhere(group.Key.ComponentId, group.Key.Scope, state.Scope));
            }
        }

        return result;
    }

    private static ExportResult Result(ExportOptions options, IReadOnlyList<PlannedPackage> plan, IReadOnlyDictionary<string, IScopeFeed> feeds, IReadOnlyList<string> withoutScope) =>
        new(options.DryRun,
            plan.GroupBy(p => p.Scope).Select(g => new ScopeExport(
                g.Key,
                feeds[g.Key].Scope.Location,
                g.Select(p => new ExportedPackage(p.ComponentId, p.Version, p.PackageId, p.Action, p.Rebuild)
                {
                    DependsOn = p.Dependencies.Select(d => $"{d.Value.PackageId} [{p.DependencyVersions[d.Key]}]").ToList(),
                }).ToList())).ToList(),
            withoutScope);
}
