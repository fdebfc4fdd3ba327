namespace BitBuild.Engine.Eject;

/// <summary>
/// What the workspace's NuGet.Config needs so restore finds an ejected component's package: the scope as a package
/// source (unless a source with that name or location is already configured) and, when the repository uses package source
/// mapping, a pattern sending the scope's ids to that source.
/// </summary>
/// <param name="SourceKey">The source's key: the scope name, or the key of an existing source with the same location.</param>
/// <param name="Location">The absolute folder or URL.</param>
/// <param name="AddSource">False when the effective NuGet configuration already has the source.</param>
/// <param name="MappingPattern">The <c>{scope}.*</c> pattern to map to <paramref name="SourceKey"/>, or null when none is needed.</param>
public sealed record NuGetConfigChange(string SourceKey, string Location, bool AddSource, string? MappingPattern)
{
    public bool IsEmpty => !AddSource && MappingPattern is null;
}
