using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Discovery;

/// <summary>
/// The declarations without an MSBuild run when nothing they depend on changed. Evaluating the declarations starts MSBuild
/// (0.3–1 s), which dominates a small export. The result is kept in <c>.bit/cache/declarations.json</c>, keyed on the
/// content of every file the evaluation read (MSBuild's own <c>MSBuildAllProjects</c>: Directory.Build.props,
/// BitWorkspace.props and whatever they import) and on the set of project files in the workspace (globs in BitComponent
/// items). Any difference, or anything unreadable, means a fresh evaluation. Evaluations that depend on environment
/// variables are the one thing the key cannot see: set <c>BIT_NO_CACHE=1</c> for those.
/// Only commands that need no ProjectReference graph use it (export, remote).
/// </summary>
public static class DeclarationsCache
{
    private const int Format = 1;
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".bit", ".vs", "node_modules"];

    public static WorkspaceDeclarations Evaluate(Workspace workspace)
    {
        if (Environment.GetEnvironmentVariable("BIT_NO_CACHE") == "1")
        {
            return ComponentDiscovery.Evaluate(workspace);
        }

        var path = Path.Combine(workspace.BitFolder, "cache", "declarations.json");
        var projects = ProjectSetHash(workspace.Root);
        var cached = TryRead(path, workspace.Root, projects);
        if (cached is not null)
        {
            return cached;
        }

        var fresh = ComponentDiscovery.Evaluate(workspace);
        TryWrite(path, workspace.Root, projects, fresh);
        return fresh;
    }

    private static string ProjectSetHash(string root)
    {
        var projects = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(directory), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(directory);
                }
            }

            projects.AddRange(Directory.EnumerateFiles(folder, "*.*proj").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')));
        }

        projects.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', projects))));
    }

    private static string FileHash(string path) => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "missing";

    private static WorkspaceDeclarations? TryRead(string path, string workspaceRoot, string projects)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            // The root too: a copied or moved workspace carries .bit/ along, and its cached paths would name the original.
            if (root.GetProperty("format").GetInt32() != Format || root.GetProperty("root").GetString() != workspaceRoot || root.GetProperty("projects").GetString() != projects)
            {
                return null;
            }

            var imports = new List<string>();
            foreach (var import in root.GetProperty("imports").EnumerateArray())
            {
                var file = import.GetProperty("path").GetString()!;
                if (FileHash(file) != import.GetProperty("sha256").GetString())
                {
                    return null;
                }

                imports.Add(file);
            }

            if (imports.Count == 0)
            {
                return null; // an evaluation that read no file cannot be keyed
            }

            var components = root.GetProperty("components").EnumerateArray()
                .Select(c => new DeclaredComponent(c.GetProperty("id").GetString()!, c.GetProperty("project").GetString()!, c.GetProperty("scope").GetString()))
                .ToList();
            var remotes = root.GetProperty("remotes").EnumerateArray()
                .Select(r => new DeclaredRemote(r.GetProperty("name").GetString()!, r.GetProperty("source").GetString()!))
                .ToList();
            return new WorkspaceDeclarations(components, remotes, root.GetProperty("defaultScope").GetString()) { ImportedFiles = imports };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, string workspaceRoot, string projects, WorkspaceDeclarations declarations)
    {
        if (declarations.ImportedFiles.Count == 0)
        {
            return;
        }

        try
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("format", Format);
                w.WriteString("root", workspaceRoot);
                w.WriteString("projects", projects);
                w.WriteStartArray("imports");
                foreach (var file in declarations.ImportedFiles)
                {
                    w.WriteStartObject();
                    w.WriteString("path", file);
                    w.WriteString("sha256", FileHash(file));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
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
