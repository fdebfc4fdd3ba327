using System.Xml.Linq;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Workspaces;

/// <summary><c>dotnet bit init</c>: declarations file, Directory.Build.props import, empty .bitmap, .bit/ git-ignored.</summary>
public static class WorkspaceInitializer
{
    public sealed record Result(Workspace Workspace, IReadOnlyList<string> CreatedOrChanged, bool AlreadyInitialised);

    public static Result Initialize(string folder, string? defaultScope, bool referenceMsBuildPackage = false)
    {
        if (defaultScope is not null)
        {
            ScopeName.ValidateArgument(defaultScope, "--default-scope");
        }

        var workspace = Workspace.At(folder);
        Directory.CreateDirectory(workspace.Root);
        var changed = new List<string>();
        var already = File.Exists(workspace.DeclarationsPath) && File.Exists(workspace.BitmapPath);
        using (workspace.Lock())
        {
            if (!File.Exists(workspace.DeclarationsPath))
            {
                AtomicFile.WriteAllText(workspace.DeclarationsPath, DeclarationsFile.Template(defaultScope));
                changed.Add(Workspace.DeclarationsFileName);
            }
            else if (defaultScope is not null)
            {
                var declarations = DeclarationsFile.Load(workspace.DeclarationsPath);
                declarations.SetDefaultScope(defaultScope);
                declarations.Save();
                changed.Add(Workspace.DeclarationsFileName);
            }

            if (EnsureImported(workspace))
            {
                changed.Add("Directory.Build.props");
            }

            if (referenceMsBuildPackage && MsBuildPackageReference.Ensure(workspace) is { } referencedIn && !changed.Contains(referencedIn))
            {
                changed.Add(referencedIn);
            }

            if (!File.Exists(workspace.BitmapPath))
            {
                workspace.WriteBitmap(new Bitmap());
                changed.Add(BitmapFile.FileName);
            }

            if (EnsureGitIgnored(workspace))
            {
                changed.Add(".gitignore");
            }
        }

        return new Result(workspace, changed, already && changed.Count == 0);
    }

    private const string ImportLine = "<Import Project=\"$(MSBuildThisFileDirectory)BitWorkspace.props\" Condition=\"Exists('$(MSBuildThisFileDirectory)BitWorkspace.props')\" />";

    private static bool EnsureImported(Workspace workspace)
    {
        var path = workspace.DirectoryBuildPropsPath;
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, $"<Project>\n  <!-- Makes the BitBuild declarations (components, remotes, default scope) visible to every project. -->\n  {ImportLine}\n</Project>\n");
            return true;
        }

        var text = File.ReadAllText(path);
        if (text.Contains(Workspace.DeclarationsFileName, StringComparison.Ordinal))
        {
            return false;
        }

        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new BitException(DiagnosticCodes.MsBuildEvaluationFailed, $"{path} is not valid XML ({ex.Message}); fix it, then run 'dotnet bit init' again.", path, ex.LineNumber, ex.LinePosition);
        }

        var import = XElement.Parse(ImportLine);
        document.Root!.AddFirst(new XText("\n  "), import);
        AtomicFile.WriteAllText(path, document.Root.ToString(SaveOptions.DisableFormatting).TrimEnd() + "\n");
        return true;
    }

    private static bool EnsureGitIgnored(Workspace workspace)
    {
        var path = Path.Combine(workspace.Root, ".gitignore");
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Any(l => l.Trim() is ".bit/" or ".bit" or "/.bit/" or "/.bit"))
        {
            return false;
        }

        var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            text += "\n";
        }

        AtomicFile.WriteAllText(path, text + "# BitBuild's local scope: tagged packages, rebuilt from .bitmap when missing\n/.bit/\n");
        return true;
    }
}
