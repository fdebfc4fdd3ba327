namespace BitBuild.Engine.Status;

/// <summary>Where a component stands, in Bit's words.</summary>
public enum ComponentStage
{
    /// <summary>Declared, never tagged.</summary>
    New,

    /// <summary>Its sources changed since its last tag.</summary>
    Modified,

    /// <summary>Tagged, and some tagged version is not yet in its primary scope.</summary>
    Staged,

    /// <summary>Tagged, unchanged, and every version is in its primary scope.</summary>
    UpToDate,

    /// <summary>In .bitmap but no longer declared by any BitComponent item.</summary>
    NotDeclared,
}

public sealed record ComponentStatus(
    string Id,
    ComponentStage Stage,
    string? ProjectPath,
    string? LatestVersion,
    string? PrimaryScope,
    string? PendingScope,
    bool Exported,
    string? CurrentHash,
    IReadOnlyList<string> StagedVersions,
    IReadOnlyList<string> OtherScopes)
{
    /// <summary>Scopes other than the primary one that the staged versions already reached (Bit: "remains staged").</summary>
    public IReadOnlyList<string> StagedVersionsExportedTo { get; init; } = [];

    /// <summary>
    /// Not empty when the next <c>tag</c> will auto-tag this component: the components it depends on (in its latest
    /// version) that changed since their tag, or that are themselves pending an auto-tag.
    /// </summary>
    public IReadOnlyList<string> PendingAutoTagBecause { get; init; } = [];

    /// <summary>What the build reads from outside the component's folder that changed since its last tag (see <c>BuildInputs</c>).</summary>
    public IReadOnlyList<string> ChangedInputs { get; init; } = [];

    /// <summary><c>scope/id</c> once the component has a primary scope, else the bare id (as <c>bit list</c> shows it).</summary>
    public string DisplayName => PrimaryScope is null ? Id : $"{PrimaryScope}/{Id}";

    /// <summary>Also true for a modified component whose last tag is still unexported.</summary>
    public bool HasStagedVersions => StagedVersions.Count > 0;
}
