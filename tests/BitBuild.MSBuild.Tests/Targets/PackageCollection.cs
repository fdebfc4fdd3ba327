namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>
/// The end-to-end tests share one isolated package folder and run real builds on a 2-core machine: one at a time is
/// both faster and measures what a user sees (e.g. that -m:2 inside a build runs the engine once).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection
{
    public const string Name = "packed BitBuild";
}
