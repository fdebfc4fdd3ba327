namespace BitBuild.Engine.Discovery;

/// <summary>
/// Whether a ProjectReference is a runtime dependency (its package becomes a dependency of the component's package, so
/// it must be a component too) or build-only, as NuGet's own Pack decides it: a project whose assembly is not
/// referenced (<c>ReferenceOutputAssembly="false"</c>, how source generators and analyzers are referenced with
/// <c>OutputItemType="Analyzer"</c>, and build tools) or whose assets stay private (<c>PrivateAssets="all"</c>) is not
/// among the package's dependencies. A reference with <c>OutputItemType="Analyzer"</c> alone still references the
/// assembly, and Pack makes it a dependency.
/// </summary>
public static class ProjectReferenceKind
{
    public static bool IsBuildOnly(string? referenceOutputAssembly, string? privateAssets) =>
        string.Equals(referenceOutputAssembly?.Trim(), "false", StringComparison.OrdinalIgnoreCase)
        || (privateAssets ?? string.Empty).Split(';').Any(a => string.Equals(a.Trim(), "all", StringComparison.OrdinalIgnoreCase));
}
