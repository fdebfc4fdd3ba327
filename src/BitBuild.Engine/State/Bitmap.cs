using System.Text.Json;

namespace BitBuild.Engine.State;

/// <summary>
/// The workspace state kept in <c>.bitmap</c> (committed to git): every component's tagged versions and where they were
/// exported. Collections are sorted when written (see <see cref="BitmapFile"/>) so the file diffs and merges well.
/// </summary>
public sealed class Bitmap
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public SortedDictionary<string, ComponentState> Components { get; } = new(StringComparer.Ordinal);

    /// <summary>Top-level fields this version does not know (written by a newer BitBuild or by hand), kept as they were.</summary>
    public SortedDictionary<string, JsonElement> Extra { get; } = new(StringComparer.Ordinal);

    public ComponentState? Find(string id) => Components.GetValueOrDefault(id);

    public ComponentState GetOrAdd(string id)
    {
        if (!Components.TryGetValue(id, out var state))
        {
            state = new ComponentState();
            Components[id] = state;
        }

        return state;
    }
}

public sealed class ComponentState
{
    /// <summary>The project file, relative to the workspace root with '/' separators, as of the last tag.</summary>
    public string? Project { get; set; }

    /// <summary>The primary scope: set by the component's first export (null until then).</summary>
    public string? Scope { get; set; }

    /// <summary>Tagged versions, oldest first.</summary>
    public List<TaggedVersion> Versions { get; } = [];

    /// <summary>Fields of the component entry this version does not know, kept as they were.</summary>
    public SortedDictionary<string, JsonElement> Extra { get; } = new(StringComparer.Ordinal);

    public TaggedVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    public TaggedVersion? FindVersion(string version) =>
        Versions.FirstOrDefault(v => NuGet.Versioning.NuGetVersion.Parse(v.Version) == NuGet.Versioning.NuGetVersion.Parse(version));

    /// <summary>Versions not yet in the primary scope (all versions while the component has no primary scope).</summary>
    public IEnumerable<TaggedVersion> StagedVersions => Versions.Where(v => Scope is null || !v.ExportedTo.Contains(Scope));

    public bool IsStaged => StagedVersions.Any();
}

public sealed class TaggedVersion
{
    public required string Version { get; set; }

    /// <summary>Content hash of the component's sources at tag time, <c>sha256:hex</c>.</summary>
    public required string Hash { get; set; }

    /// <summary>
    /// What the build read from outside the component's folder at tag time: each file (workspace-relative path) with its
    /// content hash, each package dependency (<c>package:Id</c>) with its version. Null for versions tagged before
    /// BitBuild recorded them: those compare by <see cref="Hash"/> alone.
    /// </summary>
    public SortedDictionary<string, string>? Inputs { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset Time { get; set; }

    /// <summary>Component dependencies (ProjectReferences to other components) at their exact tagged versions.</summary>
    public SortedDictionary<string, string> Dependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Scopes this version was exported to.</summary>
    public SortedSet<string> ExportedTo { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields of the version entry this version does not know, kept as they were.</summary>
    public SortedDictionary<string, JsonElement> Extra { get; } = new(StringComparer.Ordinal);
}
