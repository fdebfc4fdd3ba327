using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitBuild.Engine.Files;
using BitBuild.Engine.MsBuild;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Discovery;

/// <summary>
/// The declarations and every component's project description (its references, build inputs, imports and package
/// versions) without an MSBuild run when nothing that evaluation read has changed. Describing 100 components evaluates
/// 100 projects (about 5 s), where the status of their folders takes a fraction of a second; status is asked often and
/// changes nothing, so it reads this cache, while tag always evaluates afresh.
/// The MSBuild output is kept in <c>.bit/cache/descriptions.json</c> with two keys:
/// <list type="bullet">
/// <item>the workspace: the path of every file in it (outside bin, obj and tool folders: a new or deleted file can change
/// what a glob includes), the content of every project, <c>*.props</c>, <c>*.targets</c> and <c>global.json</c>, and the
/// MSBuild files above it;</item>
/// <item>the other files the evaluation imported (the SDK, package props, <c>obj/*.nuget.g.props</c> that
/// restore writes), by size and time of last write, and the SDK versions installed.</item>
/// </list>
/// Conditions on environment variables are the one thing the keys cannot see: set <c>BIT_NO_CACHE=1</c> for workspaces
/// that use them.
/// </summary>
public static class DescriptionCache
{
    // Raised whenever the describe run returns more, so a result cached by an older version is not trusted.
    private const int Format = 1;

    public static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, ProjectDescription> Projects) Evaluate(Workspace workspace)
    {
        if (Environment.GetEnvironmentVariable("BIT_NO_CACHE") == "1")
        {
            return ComponentDiscovery.Evaluate(workspace, describeReferences: true);
        }

        var path = Path.Combine(workspace.BitFolder, "cache", "descriptions.json");
        var workspaceKey = WorkspaceKey(workspace.Root);
        if (TryRead(path) is { } cached && cached.WorkspaceKey == workspaceKey && cached.OutsideKey == OutsideKey(cached.OutsideFiles))
        {
            return ComponentDiscovery.Parse(workspace, cached.Json, ImportGraph.FromEdges(cached.Imports), requireProjects: true);
        }

        var (json, imports) = ComponentDiscovery.Run(workspace, describeReferences: true);
        var result = ComponentDiscovery.Parse(workspace, json, imports, requireProjects: true);
        var graph = imports!;
        var outside = graph.Files.Where(file => !IsInWalk(workspace.Root, file) || !IsReadByEvaluation(Path.GetFileName(file))).Order(StringComparer.Ordinal).ToList();
        TryWrite(path, new Entry(workspaceKey, OutsideKey(outside), outside, json, graph.Edges.ToList()));
        return result;
    }

    internal static string WorkspaceKey(string root)
    {
        var lines = new List<string> { $"format {Format}", "root " + root };
        foreach (var file in WorkspaceFiles.Under(root, _ => true))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            lines.Add(IsReadByEvaluation(Path.GetFileName(file)) ? $"{relative} {DeclarationsCache.FileHash(file)}" : relative);
        }

        lines.AddRange(DeclarationsCache.AboveRoot(root));
        lines.Sort(StringComparer.Ordinal);
        return Hash(lines);
    }

    internal static string OutsideKey(IReadOnlyList<string> files)
    {
        var lines = new List<string> { $"format {Format}" };
        var sdkFolders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            lines.Add(info.Exists ? $"{file} {info.Length} {info.LastWriteTimeUtc.Ticks}" : $"{file} missing");
            if (SdkFolderOf(file) is { } sdks)
            {
                sdkFolders.Add(sdks);
            }
        }

        // A newly installed SDK is picked up without any imported file changing (no global.json pins the version).
        foreach (var sdks in sdkFolders)
        {
            var installed = Directory.Exists(sdks) ? Directory.GetDirectories(sdks).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
            lines.Add($"sdks {sdks} {string.Join(',', installed)}");
        }

        return Hash(lines);
    }

    private static bool IsReadByEvaluation(string name) =>
        WorkspaceFiles.IsMsBuildImport(name) || WorkspaceFiles.IsProject(name) || name.Equals("global.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the workspace walk sees the file (and so the workspace key covers it).</summary>
    private static bool IsInWalk(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return false;
        }

        var folders = relative.Split(Path.DirectorySeparatorChar);
        return !folders.Take(folders.Length - 1).Any(folder => WorkspaceFiles.IsSkipped(folder));
    }

    /// <summary>The dotnet <c>sdk</c> folder holding an SDK file (<c>…/dotnet/sdk/10.0.100/Sdks/…</c>), if it is one.</summary>
    private static string? SdkFolderOf(string file)
    {
        var segments = file.Split(Path.DirectorySeparatorChar);
        var index = Array.FindLastIndex(segments, segment => segment.Equals("sdk", StringComparison.OrdinalIgnoreCase));
        return index > 0 && index < segments.Length - 2 ? string.Join(Path.DirectorySeparatorChar, segments.Take(index + 1)) : null;
    }

    private static string Hash(List<string> lines) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

    private sealed record Entry(string WorkspaceKey, string OutsideKey, IReadOnlyList<string> OutsideFiles, string Json, IReadOnlyList<(string Importer, string Imported)> Imports);

    private static Entry? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != Format)
            {
                return null;
            }

            return new Entry(
                root.GetProperty("workspaceKey").GetString()!,
                root.GetProperty("outsideKey").GetString()!,
                root.GetProperty("outsideFiles").EnumerateArray().Select(f => f.GetString()!).ToList(),
                root.GetProperty("output").GetString()!,
                root.GetProperty("imports").EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!)).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, Entry entry)
    {
        try
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteNumber("format", Format);
                w.WriteString("workspaceKey", entry.WorkspaceKey);
                w.WriteString("outsideKey", entry.OutsideKey);
                w.WriteStartArray("outsideFiles");
                foreach (var file in entry.OutsideFiles)
                {
                    w.WriteStringValue(file);
                }

                w.WriteEndArray();
                w.WriteString("output", entry.Json);
                w.WriteStartArray("imports");
                foreach (var (importer, imported) in entry.Imports)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(importer);
                    w.WriteStringValue(imported);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            AtomicFile.WriteAllBytes(path, stream.ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next status an evaluation.
        }
    }
}
