namespace BitBuild.Engine.Export;

/// <summary>The outcome of one package, in send order.</summary>
public sealed record ExportedPackage(string ComponentId, string Version, string PackageId, PackageAction Action, bool Rebuilt);

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
    public bool NothingToExport => Scopes.Count == 0;
}
