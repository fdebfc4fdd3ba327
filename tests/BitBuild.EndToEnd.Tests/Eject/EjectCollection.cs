namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>The eject test classes share one tagged workspace (tagging is the slow part) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EjectCollection : ICollectionFixture<EjectFixture>
{
    public const string Name = "eject";
}
