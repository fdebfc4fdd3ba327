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

    /// <summary>The symbol package (.snupkg) Pack made next to the package, when the project makes one (<c>IncludeSymbols</c>).</summary>
    public string SymbolsPath(string componentId, string version) => SymbolsPathOf(PackagePath(componentId, version));

    /// <summary>The symbol package Pack writes next to a package: same name, extension .snupkg.</summary>
    public static string SymbolsPathOf(string packageFile) => Path.ChangeExtension(packageFile, ".snupkg");

    public bool Contains(string componentId, string version) => File.Exists(PackagePath(componentId, version));

    /// <summary>
    /// Moves a freshly packed package into place (atomically; an existing file is replaced), and its symbol package
    /// first when Pack made one: a package is never stored without the symbols of its build.
    /// </summary>
    public string Store(string componentId, string version, string packedFile)
    {
        var destination = PackagePath(componentId, version);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var symbols = SymbolsPathOf(packedFile);
        if (File.Exists(symbols))
        {
            File.Move(symbols, SymbolsPathOf(destination), overwrite: true);
        }
        else if (File.Exists(SymbolsPathOf(destination)))
        {
            File.Delete(SymbolsPathOf(destination)); // from an earlier build of this version that made symbols
        }

        File.Move(packedFile, destination, overwrite: true);
        return destination;
    }

    public void Remove(string componentId, string version)
    {
        var path = PackagePath(componentId, version);
        foreach (var file in (string[])[path, SymbolsPathOf(path)])
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }

        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
