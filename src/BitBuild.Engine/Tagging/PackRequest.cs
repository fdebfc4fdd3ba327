using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Tagging;

/// <summary>One component version to pack into the local scope: its project, the sources to embed and the manifest.</summary>
public sealed record PackRequest(string ProjectPath, IReadOnlyList<string> SourceFiles, ComponentManifest Manifest)
{
    public string SourceFolder => Path.GetDirectoryName(ProjectPath)!;
}
