namespace BitBuild.Engine.Discovery;

/// <summary>
/// The projects whose build output a component packs by path, with no ProjectReference to them: toolkit libraries take
/// a bundled generator's DLL from <c>../Generator/bin/$(Configuration)/netstandard2.0/</c> into <c>analyzers/</c>. Such
/// a project is the parent folder of the first <c>bin</c> or <c>obj</c> in the packed file's path, when that folder holds
/// exactly one project file. Tag builds it as part of the component's build, and its sources are build inputs of the
/// component, like those of a build-only reference.
/// </summary>
internal static class PackedOutputProjects
{
    public static IEnumerable<string> Of(string workspaceRoot, IEnumerable<string> packedFiles, string componentProject)
    {
        var root = Path.TrimEndingDirectorySeparator(workspaceRoot) + Path.DirectorySeparatorChar;
        return packedFiles
            .Where(f => f.StartsWith(root, StringComparison.Ordinal))
            .Select(f => ProducingProject(root, f))
            .OfType<string>()
            .Where(p => !ComponentDiscovery.PathComparer.Equals(p, componentProject))
            .Distinct(ComponentDiscovery.PathComparer);
    }

    private static string? ProducingProject(string root, string file)
    {
        var segments = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        var output = Array.FindIndex(segments, s => s is "bin" or "obj");
        if (output < 0)
        {
            return null;
        }

        var folder = Path.Combine([root, .. segments[..output]]);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var projects = Directory.GetFiles(folder, "*.*proj").Where(p => Path.GetExtension(p) is ".csproj" or ".fsproj" or ".vbproj").ToList();
        return projects.Count == 1 ? projects[0] : null;
    }
}
