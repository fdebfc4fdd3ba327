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

    /// <summary>
    /// The files behind the recorded inputs, as they travel in the package: each outside file, and each source of a
    /// build-only reference's project folder; full path on disk and workspace-relative path ('/'-separated).
    /// </summary>
    public static IReadOnlyList<(string FullPath, string WorkspacePath)> FilesOf(IReadOnlyDictionary<string, string> inputs, string workspaceRoot)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in inputs.Keys)
        {
            if (key.StartsWith(PackagePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(BuildReferencePrefix, StringComparison.Ordinal))
            {
                var folder = ReferenceFolder(key);
                var full = Path.Combine(workspaceRoot, folder);
                if (Directory.Exists(full))
                {
                    foreach (var file in SourceFiles.List(full))
                    {
                        files[(folder.Length == 0 ? "" : folder + "/") + file] = Path.Combine(full, file);
                    }
                }

                continue;
            }

            files[key] = Path.Combine(workspaceRoot, key);
        }

        return files.Select(f => (f.Value, f.Key)).ToList();
    }

    /// <summary>
    /// The recorded inputs that the given files (workspace-relative path to content) do not reproduce: a file missing or
    /// with other content, a build-only reference whose folder hashes otherwise. Package versions are not files and are
    /// not checked here. Empty when every file input matches.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, Func<Stream>> files)
    {
        var mismatches = new List<string>();
        foreach (var (key, recorded) in inputs.Where(i => !i.Key.StartsWith(PackagePrefix, StringComparison.Ordinal)))
        {
            string? actual;
            if (key.StartsWith(BuildReferencePrefix, StringComparison.Ordinal))
            {
                var prefix = ReferenceFolder(key) is { Length: > 0 } folder ? folder + "/" : "";
                actual = ContentHash.Of(files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(f => (f.Key[prefix.Length..], f.Value)));
            }
            else if (files.TryGetValue(key, out var open))
            {
                using var stream = open();
                actual = ContentHash.Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            else
            {
                actual = null;
            }

            if (actual != recorded)
            {
                mismatches.Add(key.StartsWith(BuildReferencePrefix, StringComparison.Ordinal) ? key[BuildReferencePrefix.Length..] + " (build-only reference)" : key);
            }
        }

        return mismatches;
    }

    /// <summary>The same check against the files on disk now (a fresh clone about to rebuild a tagged version).</summary>
    public static IReadOnlyList<string> MismatchesOnDisk(IReadOnlyDictionary<string, string> inputs, string workspaceRoot) =>
        Mismatches(inputs, FilesOf(inputs, workspaceRoot)
            .Where(f => File.Exists(f.FullPath))
            .ToDictionary(f => f.WorkspacePath, f => (Func<Stream>)(() => File.OpenRead(f.FullPath)), StringComparer.Ordinal));

    /// <summary>The build-only references' project files among the recorded inputs, full paths.</summary>
    public static IReadOnlyList<string> BuildOnlyProjectsOf(IReadOnlyDictionary<string, string> inputs, string workspaceRoot) =>
        inputs.Keys
            .Where(k => k.StartsWith(BuildReferencePrefix, StringComparison.Ordinal))
            .Select(k => Path.GetFullPath(Path.Combine(workspaceRoot, k[BuildReferencePrefix.Length..])))
            .ToList();

    /// <summary>The workspace-relative folder of a build-only reference's project ('' at the root).</summary>
    private static string ReferenceFolder(string key)
    {
        var project = key[BuildReferencePrefix.Length..];
        var slash = project.LastIndexOf('/');
        return slash < 0 ? "" : project[..slash];
    }
}
