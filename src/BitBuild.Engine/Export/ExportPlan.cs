using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Export;

/// <summary>What happens to one package.</summary>
public enum PackageAction
{
    /// <summary>Sent to the scope (or, in a dry run, would be).</summary>
    Send,

    /// <summary>The scope already has this id and version with the same content hash: nothing to send.</summary>
    AlreadyInScope,
}

/// <summary>One component version going to one scope, as planned before anything is sent.</summary>
public sealed record PlannedPackage(
    string ComponentId,
    string Version,
    string Scope,
    string PackageId,
    string Hash,
    IReadOnlyDictionary<string, DependencyTarget> Dependencies,
    IReadOnlyDictionary<string, string> DependencyVersions)
{
    public PackageAction Action { get; set; } = PackageAction.Send;

    /// <summary>True when the local package was missing (fresh clone) and is rebuilt from the tagged sources.</summary>
    public bool Rebuild { get; set; }

    /// <summary>Dependencies first: 0 for a package with no dependency in this export.</summary>
    public int Depth { get; set; }
}
