namespace BitBuild.Engine.Tagging;

/// <summary>What the user asked <c>tag</c> to do.</summary>
public sealed record TagRequest(IReadOnlyList<string> Ids, bool All, VersionIncrement Increment, string? Message);

/// <summary>One component version the tag step will create.</summary>
public sealed record PlannedTag(
    string Id,
    string ProjectPath,
    string? PreviousVersion,
    string Version,
    string Hash,
    IReadOnlyDictionary<string, string> Dependencies,
    bool AutoTagged)
{
    /// <summary>What the build reads from outside the component's folder, recorded with the version (null: not known).</summary>
    public SortedDictionary<string, string>? Inputs { get; init; }
}

public sealed record TagPlan(IReadOnlyList<PlannedTag> Tags, IReadOnlyList<string> Unchanged);

public sealed record TagResult(IReadOnlyList<PlannedTag> Tagged, IReadOnlyList<string> Unchanged);
