namespace BitBuild.Engine.Export;

/// <summary>The outcome of one package, in send order.</summary>
public sealed record ExportedPackage(string ComponentId, string Version, string PackageId, PackageAction Action, bool Rebuilt)
{
    /// <summary>The package's dependencies on other components: package id and exact version, e.g. "scope1.utils.string [0.0.1]".</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}

/// <summary>Everything that went (or, in a dry run, would go) to one scope.</summary>
public sealed record ScopeExport(string Scope, string Location, IReadOnlyList<ExportedPackage> Packages)
{
    /// <summary>Components at least one of whose versions was sent (what the "N components were exported" message counts).</summary>
    public IReadOnlyList<string> ExportedComponents => Packages.Where(p => p.Action == PackageAction.Send).Select(p => p.ComponentId).Distinct().ToList();

    public IReadOnlyList<ExportedPackage> Skipped => Packages.Where(p => p.Action == PackageAction.AlreadyInScope).ToList();
}

/// <summary>The result of an export: per scope what was sent and skipped, and the components left out for want of a scope.</summary>
public sealed record ExportResult(bool DryRun, IReadOnlyList<ScopeExport> Scopes, IReadOnlyList<string> ComponentsWithoutScope)
{
    public bool NothingToExport => Scopes.Count == 0 && PrimaryScopeChanges.Count == 0;

    /// <summary>Components exported to a scope other than their primary one that still have versions their primary scope lacks.</summary>
    public IReadOnlyList<StagedElsewhere> StillStaged { get; init; } = [];

    /// <summary>Components whose primary scope --set-current-scope changed.</summary>
    public IReadOnlyList<PrimaryScopeChange> PrimaryScopeChanges { get; init; } = [];
}

/// <summary>A component that went to <paramref name="ExportedTo"/> but stays staged until its versions reach <paramref name="PrimaryScope"/>.</summary>
public sealed record StagedElsewhere(string ComponentId, string ExportedTo, string PrimaryScope);

public sealed record PrimaryScopeChange(string ComponentId, string? From, string To);
