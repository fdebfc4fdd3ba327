using System.Security.Cryptography;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Hashing;

/// <summary>
/// What a component's build reads besides its own folder, as tag records it in .bitmap and status compares it: each file
/// from elsewhere in the workspace (shared sources linked in, packed files, imported MSBuild files such as
/// Directory.Build.targets) by its workspace-relative path and content
/// hash, each package dependency as <c>package:Id</c> with its version, each build-only project reference (a source
/// generator) as <c>build-reference:path</c> with the hash of its project's folder. A change to any of them changes what the build
/// produces, so the component is modified even though nothing under its folder changed.
/// </summary>
public static class BuildInputs
{
    public const string PackagePrefix = "package:";

    /// <summary>A build-only ProjectReference (a source generator, an analyzer), recorded by the hash of its project's folder.</summary>
    public const string BuildReferencePrefix = "build-reference:";

    public static SortedDictionary<string, string> Of(ProjectDescription project, Func<string, string> relative)
    {
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in project.OutsideInputs.Concat(project.ImportedFiles))
        {
            if (File.Exists(file))
            {
                using var stream = File.OpenRead(file);
                inputs[relative(file)] = ContentHash.Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }

        foreach (var reference in project.BuildOnlyReferences.Where(File.Exists))
        {
            inputs[BuildReferencePrefix + relative(reference)] = ContentHash.OfFolder(Path.GetDirectoryName(reference)!);
        }

        // BitBuild's own MSBuild package (init --msbuild) adds targets to the build, nothing to what it produces.
        foreach (var (id, package) in project.Packages.Where(p => !string.Equals(p.Key, MsBuildPackageReference.PackageId, StringComparison.OrdinalIgnoreCase)))
        {
            inputs[PackagePrefix + id] = package.Version ?? string.Empty;
        }

        return inputs;
    }

    /// <summary>
    /// What changed between the recorded inputs and the current ones, in status's words: "shared/Guard.cs",
    /// "shared/New.cs (new)", "shared/Old.cs (removed)", "Directory.Packages.props (Newtonsoft.Json 13.0.1 → 13.0.3)".
    /// </summary>
    public static IReadOnlyList<string> Changes(IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, string> current, ProjectDescription project, Func<string, string> relative)
    {
        var changes = new List<string>();
        foreach (var key in recorded.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            var before = recorded.GetValueOrDefault(key);
            var after = current.GetValueOrDefault(key);
            if (before == after)
            {
                continue;
            }

            if (key.StartsWith(BuildReferencePrefix, StringComparison.Ordinal))
            {
                var referenced = key[BuildReferencePrefix.Length..];
                changes.Add(before is null ? $"{referenced} (build-only reference added)" : after is null ? $"{referenced} (build-only reference removed)" : $"{referenced} (build-only reference: its sources changed)");
                continue;
            }

            if (!key.StartsWith(PackagePrefix, StringComparison.Ordinal))
            {
                changes.Add(before is null ? $"{key} (new)" : after is null ? $"{key} (removed)" : key);
                continue;
            }

            var id = key[PackagePrefix.Length..];
            var where = project.Packages.TryGetValue(id, out var package) && package.DefinedIn is { } file ? relative(file) : "package reference";
            changes.Add(before is null ? $"{where} ({id} {after} added)" : after is null ? $"{where} ({id} {before} removed)" : $"{where} ({id} {before} → {after})");
        }

        return changes;
    }
}
