namespace BitBuild.Engine.Discovery;

/// <summary>
/// What tag needs to know about a component's project before building it, from the same MSBuild run that lists the
/// declarations: its ProjectReferences, and whether Pack can make a package of it at all. <c>References</c> are the
/// runtime ones, which become component dependencies (see <see cref="ProjectReferenceKind"/>).
/// </summary>
public sealed record ProjectDescription(IReadOnlyList<string> References)
{
    /// <summary>
    /// ProjectReferences the build uses but the package does not depend on (source generators and analyzers referenced
    /// with <c>ReferenceOutputAssembly="false"</c>, <c>PrivateAssets="all"</c>), and projects whose build output the
    /// component packs by path (<see cref="PackedOutputProjects"/>): full paths. Their sources count as build inputs: a
    /// changed generator changes the code the component compiles or the package it ships.
    /// </summary>
    public IReadOnlyList<string> BuildOnlyReferences { get; init; } = [];

    /// <summary>The evaluated <c>IsPackable</c> (false for test, web and worker projects unless they say otherwise).</summary>
    public bool IsPackable { get; init; } = true;

    /// <summary>Whether the project uses the .NET SDK (<c>UsingMicrosoftNETSdk</c>), whose Pack target tag runs.</summary>
    public bool IsSdkStyle { get; init; } = true;

    /// <summary>
    /// Files the project packs (None or Content items with <c>Pack="true"</c>) that do not exist, outside the folders the
    /// build itself writes (bin, obj, artifacts): typically what a repository's own build script generates first.
    /// </summary>
    public IReadOnlyList<string> MissingPackInputs { get; init; } = [];

    /// <summary>
    /// Files the build reads from outside the component's folder but inside the workspace (Compile, EmbeddedResource,
    /// AdditionalFiles and packed items, e.g. <c>../Shared/**/*.cs</c>), full paths, never under bin or obj.
    /// </summary>
    public IReadOnlyList<string> OutsideInputs { get; init; } = [];

    /// <summary>
    /// The MSBuild files from the workspace, outside the component's folder, that the project's evaluation imports
    /// (Directory.Build.props/targets above it, eng/*.targets they import), full paths; not the declarations file nor
    /// Directory.Packages.props, whose package versions <see cref="Packages"/> records one by one.
    /// </summary>
    public IReadOnlyList<string> ImportedFiles { get; init; } = [];

    /// <summary>The packages the project references, by id, with the version it gets and the file that sets it.</summary>
    public IReadOnlyDictionary<string, PackageInput> Packages { get; init; } = new Dictionary<string, PackageInput>();
}

/// <summary>A package's version as the project gets it (null: none given) and the MSBuild file that sets it.</summary>
public sealed record PackageInput(string? Version, string? DefinedIn);
