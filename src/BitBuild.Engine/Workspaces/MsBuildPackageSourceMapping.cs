using BitBuild.Engine.Files;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// <c>init --msbuild</c> in a repository that uses package source mapping: restore takes a package only from a source a
/// pattern maps it to, so unless one maps <c>BitBuild</c> to a source that has it every project's restore would fail
/// (NU1100). The pattern goes to the first configured source that holds the BitBuild package at this tool's version
/// (asked with NuGet's own API), in
/// the workspace root's NuGet.Config, which NuGet merges with the others; when no source holds it, init says what to add.
/// </summary>
public static class MsBuildPackageSourceMapping
{
    /// <summary>The outcome: the file changed (workspace-relative) or null, and a warning for the user or null.</summary>
    public sealed record Outcome(string? ChangedFile, string? Warning);

    public static Outcome Ensure(Workspace workspace)
    {
        var settings = Settings.LoadDefaultSettings(workspace.Root);
        var mapping = PackageSourceMapping.GetPackageSourceMapping(settings);
        if (!mapping.IsEnabled)
        {
            return new Outcome(null, null);
        }

        // A pattern may map it already ('*' maps everything), but only to sources that have it does restore succeed.
        var version = NuGetVersion.Parse(MsBuildPackageReference.Version);
        var sources = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
        var mapped = mapping.GetConfiguredPackageSources(MsBuildPackageReference.PackageId);
        if (sources.Any(s => mapped.Contains(s.Name, StringComparer.OrdinalIgnoreCase) && Holds(s, MsBuildPackageReference.PackageId, version)))
        {
            return new Outcome(null, null);
        }

        // The pattern 'BitBuild' is more specific than any wildcard, so it decides where restore takes the package from.
        var holder = sources.FirstOrDefault(s => !mapped.Contains(s.Name, StringComparer.OrdinalIgnoreCase) && Holds(s, MsBuildPackageReference.PackageId, version));
        if (holder is null)
        {
            return new Outcome(null,
                $"This repository uses package source mapping, and no package source that a pattern maps {MsBuildPackageReference.PackageId} to, nor any other of its sources " +
                $"({string.Join(", ", sources.Select(s => s.Name))}) has {MsBuildPackageReference.PackageId} {version}, so restore will fail (NU1100). " +
                $"Add the feed BitBuild is published to as a package source and map the pattern '{MsBuildPackageReference.PackageId}' to it in NuGet.Config's <packageSourceMapping>.");
        }

        var config = Path.Combine(workspace.Root, "NuGet.Config");
        if (Directory.EnumerateFiles(workspace.Root).FirstOrDefault(f => string.Equals(Path.GetFileName(f), "nuget.config", StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            config = existing;
            XmlTextEdit.EditFile(config, text => AddPattern(text, holder.Name));
        }
        else
        {
            AtomicFile.WriteAllText(config, AddPattern("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n</configuration>\n", holder.Name));
        }

        return new Outcome(workspace.Relative(config), null);
    }

    /// <summary>The pattern added under the source's entry, creating the entry or the section as needed.</summary>
    internal static string AddPattern(string text, string sourceKey)
    {
        var pattern = $"<package pattern=\"{MsBuildPackageReference.PackageId}\" />";
        var key = System.Security.SecurityElement.Escape(sourceKey);
        return XmlTextEdit.AppendToElement(text, [("packageSourceMapping", null), ("packageSource", sourceKey)], pattern)
            ?? XmlTextEdit.AppendToElement(text, [("packageSourceMapping", null)], $"<packageSource key=\"{key}\">\n  {pattern}\n</packageSource>")
            ?? XmlTextEdit.AppendToRoot(text, $"<packageSourceMapping>\n  <packageSource key=\"{key}\">\n    {pattern}\n  </packageSource>\n</packageSourceMapping>");
    }

    private static bool Holds(PackageSource source, string id, NuGetVersion version)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var cache = new SourceCacheContext { NoCache = true };
            var resource = Repository.Factory.GetCoreV3(source).GetResource<FindPackageByIdResource>(timeout.Token);
            return resource is not null && resource.DoesPackageExistAsync(id, version, cache, NullLogger.Instance, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is NuGetProtocolException or OperationCanceledException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // An unreachable or refusing source does not hold it, as far as init can tell.
            return false;
        }
    }
}
