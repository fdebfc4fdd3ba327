namespace BitBuild.Engine.Export;

/// <summary>What to export, as <c>dotnet bit export [scope] [ids…]</c> and the BitExport target's properties say.</summary>
public sealed record ExportOptions
{
    /// <summary>The target scope; null sends each component to its primary scope (first export: Scope metadata, else BitDefaultScope).</summary>
    public string? Scope { get; init; }

    /// <summary>Component ids or patterns ("utils/*"); empty means every staged component.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Plan and report only: nothing is built, sent or written.</summary>
    public bool DryRun { get; init; }

    /// <summary>The API key for http scopes (overrides NuGet.Config apikeys). Never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Also send the selected components' component dependencies to the target scope (needs a scope).</summary>
    public bool IncludeDependencies { get; init; }

    /// <summary>With <see cref="IncludeDependencies"/>: the copies depend on the copies in the target scope, not on the originals.</summary>
    public bool Rewire { get; init; }

    /// <summary>Make the target scope the primary scope of the exported components.</summary>
    public bool SetCurrentScope { get; init; }

    /// <summary>Replace the exported components by package references afterwards (run by Eject/ExportThenEject after the export; not atomic with it).</summary>
    public bool Eject { get; init; }

    /// <summary>Send every tagged version not yet in the target scope, staged or not.</summary>
    public bool All { get; init; }

    /// <summary>
    /// Push package by package also to BitBuild scope servers, which otherwise take each scope's packages in one
    /// all-or-nothing request: needed only when the export's scopes depend on each other both ways (else BIT3021).
    /// </summary>
    public bool PushEachPackage { get; init; }
}
