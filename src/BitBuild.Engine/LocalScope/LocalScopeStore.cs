using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;
using NuGet.Versioning;

namespace BitBuild.Engine.LocalScope;

/// <summary>
/// The local scope in <c>.bit/packages</c>: one package per tagged component version, with the scope-neutral id
/// <c>bitlocal.{id}</c>, from which export produces any scope's package without rebuilding. It is a cache of what
/// .bitmap records: when a package is missing (fresh clone), export rebuilds it from the tagged sources.
/// </summary>
public sealed class LocalScopeStore(Workspace workspace)
{
    public string Root => Path.Combine(workspace.BitFolder, "packages");

    public string PackagePath(string componentId, string version)
    {
        var normalized = NuGetVersion.Parse(version).ToNormalizedString().ToLowerInvariant();
        var packageId = PackageIds.Local(componentId);
        return Path.Combine(Root, componentId.Replace('/', '.'), normalized, PackageIds.FileName(packageId, normalized));
    }

    public bool Contains(string componentId, string version) => File.Exists(PackagePath(componentId, version));

    /// <summary>Moves a freshly packed package into place (atomically; an existing file is replaced).</summary>
    public string Store(string componentId, string version, string packedFile)
    {
        var destination = PackagePath(componentId, version);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(packedFile, destination, overwrite: true);
        return destination;
    }

    public void Remove(string componentId, string version)
    {
        var path = PackagePath(componentId, version);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
