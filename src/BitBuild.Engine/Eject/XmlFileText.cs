using System.Text;
using System.Xml.Linq;

namespace BitBuild.Engine.Eject;

/// <summary>
/// An MSBuild or NuGet XML file edited in memory so that everything eject does not mean to change stays as the user wrote
/// it: the text before and after the root element (XML declaration, comments), the byte order mark, CRLF line endings and
/// every whitespace node. XDocument alone would drop the declaration and turn CRLF into LF.
/// </summary>
internal sealed class XmlFileText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly string prefix;
    private readonly string suffix;
    private readonly bool bom;
    private readonly bool crlf;

    private XmlFileText(XDocument document, string prefix, string suffix, bool bom, bool crlf)
    {
        Document = document;
        this.prefix = prefix;
        this.suffix = suffix;
        this.bom = bom;
        this.crlf = crlf;
    }

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    public static XmlFileText Parse(byte[] bytes)
    {
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var text = Encoding.UTF8.GetString(bom ? bytes[Utf8Bom.Length..] : bytes);
        var document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
        var rootName = document.Root!.Name.LocalName;
        var start = FindRootStart(text, rootName);
        var closing = "</" + rootName;
        var end = text.LastIndexOf(closing, StringComparison.Ordinal);
        int after;
        if (end >= 0)
        {
            after = text.IndexOf('>', end) + 1;
        }
        else
        {
            // A root element written as <Project/>: it ends at the last '/>'.
            after = text.LastIndexOf("/>", StringComparison.Ordinal) + 2;
        }

        return new XmlFileText(document, text[..start], text[after..], bom, text.Contains("\r\n", StringComparison.Ordinal));
    }

    public static XmlFileText Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>The whitespace a child of <paramref name="parent"/> is indented with (from its existing children, else the parent's plus two spaces).</summary>
    public static string ChildIndent(XElement parent)
    {
        var existing = parent.Elements().FirstOrDefault()?.PreviousNode as XText;
        if (existing is not null && string.IsNullOrWhiteSpace(existing.Value))
        {
            return existing.Value.TrimStart('\r', '\n').Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')[^1];
        }

        return OwnIndent(parent) + "  ";
    }

    /// <summary>The indentation of <paramref name="element"/> itself (the whitespace before it on its line).</summary>
    public static string OwnIndent(XElement element)
    {
        if (element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value))
        {
            var value = text.Value.Replace("\r", string.Empty, StringComparison.Ordinal);
            return value.Contains('\n') ? value.Split('\n')[^1] : value;
        }

        return string.Empty;
    }

    /// <summary>Adds <paramref name="child"/> as the last element of <paramref name="parent"/>, on its own line, indented like its siblings.</summary>
    public static void AppendChild(XElement parent, XElement child)
    {
        var indent = ChildIndent(parent);
        var last = parent.Nodes().LastOrDefault();
        if (last is XText trailing && string.IsNullOrWhiteSpace(trailing.Value))
        {
            trailing.AddBeforeSelf(new XText("\n" + indent), child);
        }
        else if (last is null)
        {
            parent.Add(new XText("\n" + indent), child, new XText("\n" + OwnIndent(parent)));
        }
        else
        {
            parent.Add(new XText("\n" + indent), child, new XText("\n" + OwnIndent(parent)));
        }
    }

    /// <summary>Removes an element together with the whitespace that put it on its own line.</summary>
    public static void RemoveWithWhitespace(XElement element)
    {
        if (element.PreviousNode is XText before && string.IsNullOrWhiteSpace(before.Value))
        {
            before.Remove();
        }

        element.Remove();
    }

    public byte[] ToBytes()
    {
        var body = prefix + Root.ToString(SaveOptions.DisableFormatting) + suffix;
        if (crlf)
        {
            // The parser turned every CRLF into LF; put them back (the prefix and suffix kept theirs, so normalise first).
            body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        return bom ? [.. Utf8Bom, .. bytes] : bytes;
    }

    private static int FindRootStart(string text, string rootName)
    {
        var index = 0;
        while (true)
        {
            index = text.IndexOf("<" + rootName, index, StringComparison.Ordinal);
            if (index < 0)
            {
                return 0;
            }

            var next = index + rootName.Length + 1;
            if (next >= text.Length || char.IsWhiteSpace(text[next]) || text[next] == '>' || text[next] == '/')
            {
                return index;
            }

            index = next;
        }
    }
}
