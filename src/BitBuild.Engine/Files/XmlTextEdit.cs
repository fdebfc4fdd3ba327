using System.Text;
using System.Xml;

namespace BitBuild.Engine.Files;

/// <summary>
/// Adds elements to a user's MSBuild file as text, so that every byte the edit does not add stays as it was: comments,
/// whitespace, attribute order and quotes, entities, the XML declaration, the byte order mark and CRLF line endings.
/// Re-serialising an XDocument changes several of those (single-quoted attributes, <c>&gt;</c> in conditions), and a
/// user reviewing what <c>dotnet bit init</c> did should see only the lines it added. The XML is parsed only to find where
/// the root element's start and end tags are.
/// </summary>
public static class XmlTextEdit
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Inserts <paramref name="lines"/> ('\n'-separated) as the first children of the root element.</summary>
    public static string InsertFirstInRoot(string text, string lines)
    {
        var root = Locate(text, [])!;
        var newline = NewlineOf(text);
        if (root.SelfClosing)
        {
            return ExpandSelfClosing(text, root, lines, newline);
        }

        return text[..root.StartTagEnd] + newline + Indent(lines, root.ChildIndent, newline) + text[root.StartTagEnd..];
    }

    /// <summary>Appends <paramref name="lines"/> ('\n'-separated) as the last children of the root element.</summary>
    public static string AppendToRoot(string text, string lines) => Append(text, Locate(text, [])!, lines);

    private static string Append(string text, RootElement root, string lines)
    {
        var newline = NewlineOf(text);
        if (root.SelfClosing)
        {
            return ExpandSelfClosing(text, root, lines, newline);
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(root.EndTagStart - 1, 0)) + 1;
        if (lineStart > root.StartTagEnd && string.IsNullOrWhiteSpace(text[lineStart..root.EndTagStart]))
        {
            // The end tag is on a line of its own: the new lines go just above it.
            return text[..lineStart] + Indent(lines, root.ChildIndent, newline) + newline + text[lineStart..];
        }

        return text[..root.EndTagStart] + newline + Indent(lines, root.ChildIndent, newline) + newline + text[root.EndTagStart..];
    }

    /// <summary>
    /// Appends <paramref name="lines"/> as the last children of the element at <paramref name="path"/> below the root
    /// (each step: an element name and, when given, its <c>key</c> attribute, as NuGet.Config sections and sources
    /// have); null when there is no such element.
    /// </summary>
    public static string? AppendToElement(string text, IReadOnlyList<(string Name, string? Key)> path, string lines)
    {
        if (Locate(text, path) is not { } element)
        {
            return null;
        }

        return Append(text, element, lines);
    }

    /// <summary>Reads a file's text without its byte order mark, edits it, and writes it back atomically with the mark it had.</summary>
    public static void EditFile(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var text = Encoding.UTF8.GetString(bom ? bytes[Utf8Bom.Length..] : bytes);
        var edited = Encoding.UTF8.GetBytes(edit(text));
        AtomicFile.WriteAllBytes(path, bom ? [.. Utf8Bom, .. edited] : edited);
    }

    private static string ExpandSelfClosing(string text, RootElement root, string lines, string newline)
    {
        // <Project /> becomes <Project> … </Project>.
        var slash = text.LastIndexOf('/', root.StartTagEnd - 1);
        var beforeSlash = text[..slash].TrimEnd();
        return beforeSlash + ">" + newline + Indent(lines, root.OwnIndent + "  ", newline) + newline + root.OwnIndent + "</" + root.Name + ">" + text[root.StartTagEnd..];
    }

    private static string Indent(string lines, string indent, string newline) =>
        string.Join(newline, lines.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.Length == 0 ? l : indent + l));

    private static string NewlineOf(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    private sealed record RootElement(string Name, int StartTagEnd, int EndTagStart, bool SelfClosing, string ChildIndent, string OwnIndent);

    /// <summary>The element at <paramref name="path"/> below the root (empty: the root itself), or null.</summary>
    private static RootElement? Locate(string text, IReadOnlyList<(string Name, string? Key)> path)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int Offset(IXmlLineInfo info) => lineStarts[info.LineNumber - 1] + info.LinePosition - 1;

        string IndentBefore(int at)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
            return lineStart <= at && string.IsNullOrWhiteSpace(text[lineStart..at]) ? text[lineStart..at] : "";
        }

        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var info = (IXmlLineInfo)reader;
        while (reader.Read() && reader.NodeType != XmlNodeType.Element)
        {
        }

        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new XmlException("The file has no root element.");
        }

        // Walk down the path: at each depth the first element of the step's name (and key) is entered.
        for (var step = 0; step < path.Count; step++)
        {
            if (reader.IsEmptyElement)
            {
                return null;
            }

            var depth = reader.Depth;
            reader.Read();
            while (true)
            {
                if (reader.EOF || (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    return null;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
                {
                    if (reader.LocalName == path[step].Name && (path[step].Key is null || string.Equals(reader.GetAttribute("key"), path[step].Key, StringComparison.OrdinalIgnoreCase)))
                    {
                        break;
                    }

                    // Past this element and all it holds, to its next sibling.
                    reader.Skip();
                    continue;
                }

                reader.Read();
            }
        }

        var name = reader.Name;
        var selfClosing = reader.IsEmptyElement;
        var tagStart = Offset(info) - 1;
        var ownIndent = IndentBefore(tagStart);
        var startTagEnd = EndOfTag(text, tagStart);
        string? childIndent = null;
        var endTagStart = -1;
        var elementDepth = reader.Depth;
        if (!selfClosing)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == elementDepth + 1 && childIndent is null)
                {
                    var at = Offset(info) - 1;
                    var lineStart = text.LastIndexOf('\n', at) + 1;
                    childIndent = string.IsNullOrWhiteSpace(text[lineStart..at]) ? text[lineStart..at] : null;
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == elementDepth)
                {
                    // Line info of an end element points at its name, just after "</".
                    endTagStart = Offset(info) - 2;
                    break;
                }
            }
        }

        return new RootElement(name, startTagEnd, endTagStart, selfClosing, childIndent ?? ownIndent + "  ", ownIndent);
    }

    /// <summary>The offset just after the '>' that ends the tag starting at <paramref name="start"/> (quoted '>' skipped).</summary>
    private static int EndOfTag(string text, int start)
    {
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        throw new XmlException("The root element's start tag does not end.");
    }
}
