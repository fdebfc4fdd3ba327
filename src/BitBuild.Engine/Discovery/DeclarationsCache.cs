using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitBuild.Engine.Files;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Discovery;

/// <summary>
/// The declarations without an MSBuild run when nothing they depend on changed. Evaluating the declarations starts MSBuild
/// (0.3–1 s), which dominates a small export. The result is kept in <c>.bit/cache/declarations.json</c> under a key made of
/// the workspace root, the content of every <c>*.props</c> and <c>*.targets</c> file in the workspace (the declarations,
/// Directory.Build.props and anything they can import) and in the folders above it (an inherited Directory.Build.props),
/// and the set of project files (BitComponent globs). Project file contents are not part of it: the probe evaluation
/// reads none. Any difference, or anything unreadable, means a fresh evaluation. Conditions on environment variables are
/// the one thing the key cannot see: set <c>BIT_NO_CACHE=1</c> for workspaces that use them.
/// Only commands that need no ProjectReference graph use it (export, remote).
/// </summary>
public static class DeclarationsCache
{
    // Raised whenever evaluation checks more (names, missing projects), so a result cached by an older version is not trusted.
    private const int Format = 3;

    public static WorkspaceDeclarations Evaluate(Workspace workspace)
    {
        if (Environment.GetEnvironmentVariable("BIT_NO_CACHE") == "1")
        {
            return ComponentDiscovery.Evaluate(workspace);
        }

        var path = Path.Combine(workspace.BitFolder, "cache", "declarations.json");
        var key = Key(workspace.Root);
        var cached = TryRead(path, key);
        if (cached is not null)
        {
            return cached;
        }

        var fresh = ComponentDiscovery.Evaluate(workspace);
        TryWrite(path, key, fresh);
        return fresh;
    }

    internal static string Key(string root)
    {
        var lines = new List<string> { $"format {Format}", "root " + root };
        foreach (var file in WorkspaceFiles.Under(root, name => WorkspaceFiles.IsMsBuildImport(name) || WorkspaceFiles.IsProject(name)))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            lines.Add(WorkspaceFiles.IsMsBuildImport(file) ? $"import {relative} {FileHash(file)}" : $"project {relative}");
        }

        lines.AddRange(AboveRoot(root));
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>The files MSBuild's conventions find above the workspace (an inherited Directory.Build.props), by content.</summary>
    internal static IEnumerable<string> AboveRoot(string root)
    {
        for (var parent = Directory.GetParent(root); parent is not null; parent = parent.Parent)
        {
            foreach (var name in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
            {
                var file = Path.Combine(parent.FullName, name);
                if (File.Exists(file))
                {
                    yield return $"above {file} {FileHash(file)}";
                }
            }
        }
    }

    internal static string FileHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static WorkspaceDeclarations? TryRead(string path, string key)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("key").GetString() != key)
            {
                return null;
            }

            var components = root.GetProperty("components").EnumerateArray()
                .Select(c => new DeclaredComponent(c.GetProperty("id").GetString()!, c.GetProperty("project").GetString()!, c.GetProperty("scope").GetString()))
                .ToList();
            var remotes = root.GetProperty("remotes").EnumerateArray()
                .Select(r => new DeclaredRemote(r.GetProperty("name").GetString()!, r.GetProperty("source").GetString()!))
                .ToList();
            return new WorkspaceDeclarations(components, remotes, root.GetProperty("defaultScope").GetString())
            {
                ScopeHub = root.TryGetProperty("scopeHub", out var hub) ? hub.GetString() : null,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, string key, WorkspaceDeclarations declarations)
    {
        try
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteStartArray("components");
                foreach (var c in declarations.Components)
                {
                    w.WriteStartObject();
                    w.WriteString("id", c.Id);
                    w.WriteString("project", c.ProjectPath);
                    w.WriteString("scope", c.Scope);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("remotes");
                foreach (var r in declarations.Remotes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", r.Name);
                    w.WriteString("source", r.Source);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("defaultScope", declarations.DefaultScope);
                w.WriteString("scopeHub", declarations.ScopeHub);
                w.WriteEndObject();
            }

            AtomicFile.WriteAllBytes(path, stream.ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next command an evaluation.
        }
    }
}
