namespace BitBuild.Engine.Eject;

/// <summary>
/// Everything eject will change, computed up front with every new file content in memory, so a dry run reports exactly
/// what a real run writes and a real run can snapshot every file before touching any.
/// </summary>
internal sealed class EjectPlan
{
    public required IReadOnlyList<EjectCandidate> Candidates { get; init; }

    public required IReadOnlyList<EjectedComponent> Components { get; init; }

    public required IReadOnlyList<ReferenceRewrite> Rewrites { get; init; }

    /// <summary>New contents by full path, in the order they are written (projects, props, NuGet.Config, solutions, declarations, .bitmap).</summary>
    public required IReadOnlyList<KeyValuePair<string, byte[]>> Writes { get; init; }

    /// <summary>.sln files and the projects <c>dotnet sln remove</c> takes out of each.</summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> SlnRemovals { get; init; }

    /// <summary>Component folders (full paths) that are removed.</summary>
    public required IReadOnlyList<string> Folders { get; init; }

    /// <summary>Projects (full paths) restored afterwards: the ones whose references changed.</summary>
    public required IReadOnlyList<string> RestoreProjects { get; init; }

    /// <summary>
    /// True when a component is declared by a glob or a hand-written item and eject added a Remove item: only then can it
    /// not be sure from the file alone that the component is gone, so it asks MSBuild.
    /// </summary>
    public required bool VerifyDeclarations { get; init; }

    /// <summary>Each scope's source as restore sees it (absolute folder or URL).</summary>
    public required IReadOnlyDictionary<string, string> ScopeLocations { get; init; }

    /// <summary>Every workspace project that stays (their obj/ folders are snapshotted, as restore writes there).</summary>
    public required IReadOnlyList<string> RemainingProjects { get; init; }
}
