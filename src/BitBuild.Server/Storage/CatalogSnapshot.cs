using NuGet.Versioning;

namespace BitBuild.Server.Storage;

/// <summary>
/// An immutable view of one scope's committed catalog. Every read (feed, search, pages) goes through one snapshot, so it
/// sees a whole export or none of it: the catalog file is replaced by a single rename at the end of a commit.
/// </summary>
public sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new([]);

    private readonly Dictionary<string, IReadOnlyList<CatalogEntry>> byId;

    public CatalogSnapshot(IReadOnlyList<CatalogEntry> entries)
    {
        Entries = entries;
        byId = entries
            .GroupBy(e => e.LowerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CatalogEntry>)g.OrderBy(e => NuGetVersion.Parse(e.Version)).ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public IEnumerable<string> LowerIds => byId.Keys.Order(StringComparer.Ordinal);

    /// <summary>The versions of a package, oldest first (listed and unlisted), or an empty list.</summary>
    public IReadOnlyList<CatalogEntry> Versions(string id) =>
        byId.TryGetValue(id.ToLowerInvariant(), out var versions) ? versions : [];

    public CatalogEntry? Find(string id, string lowerVersion) =>
        Versions(id).FirstOrDefault(e => string.Equals(e.LowerVersion, lowerVersion, StringComparison.Ordinal));
}

/// <summary>catalog.json's shape on disk.</summary>
public sealed record CatalogFile(IReadOnlyList<CatalogEntry> Entries);
