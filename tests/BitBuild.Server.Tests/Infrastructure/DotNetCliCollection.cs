namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>
/// Tests that run the dotnet CLI (pack, restore, build, dotnet bit tag) share one collection, so they run one after the
/// other: on a 2-core machine, parallel MSBuild runs thrash and each takes several times longer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotNetCliCollection
{
    public const string Name = "dotnet CLI";
}
