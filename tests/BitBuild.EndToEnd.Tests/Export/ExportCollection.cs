namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>The export test classes share one tagged workspace (tagging is the slow part); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ExportCollection : ICollectionFixture<TaggedWorkspaceFixture>
{
    public const string Name = "export";
}
