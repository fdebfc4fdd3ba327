using System.Xml.Linq;
using BitBuild.Engine.Files;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// Edits <c>BitWorkspace.props</c>, the MSBuild file that declares components (<c>BitComponent</c>), remotes
/// (<c>BitRemote</c>) and <c>BitDefaultScope</c>. Paths are written as <c>$(MSBuildThisFileDirectory)…</c> so they resolve
/// to the same file from every project that imports the declarations, and from the CLI's own evaluation.
/// Only the items BitBuild writes are touched; hand-written items (globs, conditions) are left as they are.
/// </summary>
public sealed class DeclarationsFile
{
    private readonly string path;
    private readonly XDocument document;

    private DeclarationsFile(string path, XDocument document)
    {
        this.path = path;
        this.document = document;
    }

    public static string Template(string? defaultScope) => $"""
        <Project>
          <!--
            BitBuild workspace declarations, imported by every project through Directory.Build.props.
            BitComponent: a project that is a component. Include = project path (globs allowed); metadata Id, Scope.
            BitRemote:    a remote scope. Include = scope name; metadata Source = folder, file:// URL or https://…/index.json.
            BitDefaultScope: where a component goes on its first export when neither the command nor its Scope names one.
            Write paths as $(MSBuildThisFileDirectory)… so they mean the same file from every project.
          -->
          <PropertyGroup>
            <BitWorkspaceRoot>$(MSBuildThisFileDirectory)</BitWorkspaceRoot>
            <BitDefaultScope>{defaultScope}</BitDefaultScope>
          </PropertyGroup>
          <ItemGroup Label="Components">
          </ItemGroup>
          <ItemGroup Label="Remotes">
          </ItemGroup>
        </Project>

        """;

    public static DeclarationsFile Load(string path) => new(path, XDocument.Load(path, LoadOptions.PreserveWhitespace));

    private XElement Project => document.Root!;

    private XElement Group(string label, string itemName)
    {
        var group = Project.Elements("ItemGroup").FirstOrDefault(g => (string?)g.Attribute("Label") == label)
            ?? Project.Elements("ItemGroup").FirstOrDefault(g => g.Elements(itemName).Any());
        if (group is null)
        {
            group = new XElement("ItemGroup", new XAttribute("Label", label), new XText("\n  "));
            Project.Add(new XText("  "), group, new XText("\n"));
        }

        return group;
    }

    public void AddComponent(string workspaceRelativeProject, string? id, string? scope)
    {
        var element = new XElement("BitComponent", new XAttribute("Include", "$(MSBuildThisFileDirectory)" + workspaceRelativeProject.Replace('\\', '/')));
        if (id is not null)
        {
            element.Add(new XAttribute("Id", id));
        }

        if (scope is not null)
        {
            element.Add(new XAttribute("Scope", scope));
        }

        Append(Group("Components", "BitComponent"), element);
    }

    /// <summary>Removes the explicit BitComponent item for a project; false when the project is only matched by a glob or condition.</summary>
    public bool RemoveComponent(string workspaceRelativeProject)
    {
        var normalized = workspaceRelativeProject.Replace('\\', '/');
        var element = Project.Descendants("BitComponent").FirstOrDefault(e =>
        {
            var include = ((string?)e.Attribute("Include") ?? string.Empty).Replace('\\', '/');
            return include == "$(MSBuildThisFileDirectory)" + normalized || include == normalized;
        });
        if (element is null)
        {
            return false;
        }

        RemoveWithWhitespace(element);
        return true;
    }

    /// <summary>
    /// Adds <c>&lt;BitComponent Remove="…"/&gt;</c> after the components, for a project that is declared by a glob or a hand-written
    /// item <see cref="RemoveComponent"/> cannot take out (eject uses it so the project stops being a component).
    /// </summary>
    public void ExcludeComponent(string workspaceRelativeProject) =>
        Append(Group("Components", "BitComponent"), new XElement("BitComponent", new XAttribute("Remove", "$(MSBuildThisFileDirectory)" + workspaceRelativeProject.Replace('\\', '/'))));

    /// <summary>The file's content as <see cref="Save"/> would write it.</summary>
    public byte[] ToBytes()
    {
        var text = document.Declaration is null ? document.Root!.ToString(SaveOptions.DisableFormatting) : document.ToString(SaveOptions.DisableFormatting);
        return new System.Text.UTF8Encoding(false).GetBytes(text.TrimEnd() + "\n");
    }

    public void AddRemote(string name, string source) =>
        Append(Group("Remotes", "BitRemote"), new XElement("BitRemote", new XAttribute("Include", name), new XAttribute("Source", source)));

    public bool RemoveRemote(string name)
    {
        var element = Project.Descendants("BitRemote").FirstOrDefault(e => string.Equals((string?)e.Attribute("Include"), name, StringComparison.OrdinalIgnoreCase));
        if (element is null)
        {
            return false;
        }

        RemoveWithWhitespace(element);
        return true;
    }

    public void SetDefaultScope(string scope)
    {
        var property = Project.Descendants("BitDefaultScope").FirstOrDefault();
        if (property is null)
        {
            var group = new XElement("PropertyGroup", new XText("\n    "), new XElement("BitDefaultScope", scope), new XText("\n  "));
            Project.AddFirst(new XText("\n  "), group);
        }
        else
        {
            property.Value = scope;
        }
    }

    private static void Append(XElement group, XElement element)
    {
        // Keep the two-space layout: each item on its own line, closing tag indented like the group.
        var last = group.Nodes().LastOrDefault();
        if (last is XText trailing && string.IsNullOrWhiteSpace(trailing.Value))
        {
            trailing.AddBeforeSelf(new XText("\n    "), element);
            trailing.Value = "\n  ";
        }
        else
        {
            group.Add(new XText("\n    "), element, new XText("\n  "));
        }
    }

    private static void RemoveWithWhitespace(XElement element)
    {
        if (element.PreviousNode is XText before && string.IsNullOrWhiteSpace(before.Value))
        {
            before.Remove();
        }

        element.Remove();
    }

    /// <param name="tempFolder">Where the atomic write puts its temp file (the workspace's .bit/tmp), else beside the file.</param>
    public void Save(string? tempFolder = null)
    {
        // XDocument.ToString leaves out the XML declaration; write it back ourselves so a hand-written
        // '<?xml …?>' and any comments around <Project> survive unchanged.
        var text = (document.Declaration is null ? string.Empty : document.Declaration.ToString()) + document.ToString(SaveOptions.DisableFormatting);
        AtomicFile.WriteAllText(path, text.TrimEnd() + "\n", tempFolder);
    }
}
