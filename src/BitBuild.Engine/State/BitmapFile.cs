using System.Text;
using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.State;

/// <summary>
/// Reads and writes <c>.bitmap</c>. The writer is hand-rolled on <see cref="Utf8JsonWriter"/> so key order and layout never
/// depend on serializer settings: two-space indentation, '\n' line endings, sorted keys, a final newline.
/// A file that does not parse is never overwritten: the error names the file and the position.
/// </summary>
public static class BitmapFile
{
    public const string FileName = ".bitmap";

    public static Bitmap Read(string path)
    {
        if (!File.Exists(path))
        {
            return new Bitmap();
        }

        ReadOnlyMemory<byte> bytes = File.ReadAllBytes(path);
        // Editors on Windows may save with a UTF-8 byte-order mark; it carries no data.
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return new BitmapParser(path, bytes).Parse();
        }
        catch (JsonException ex)
        {
            // Not JSON at all: a truncated file, merge conflict markers, a stray character. The reader knows where.
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new BitException(
                DiagnosticCodes.CorruptBitmap,
                $"{path} is not valid JSON at line {line}, column {column}: {ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0]} " +
                "Fix the file by hand (for a git merge conflict, keep both sides' versions) or restore it with 'git checkout -- .bitmap'. " +
                "BitBuild will not overwrite it until it parses.",
                path, line, column, ex);
        }
    }

    public static byte[] Serialize(Bitmap bitmap)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", bitmap.Format);
            w.WriteStartObject("components");
            foreach (var (id, state) in bitmap.Components)
            {
                w.WriteStartObject(id);
                if (state.Project is not null)
                {
                    w.WriteString("project", state.Project);
                }

                if (state.Scope is not null)
                {
                    w.WriteString("scope", state.Scope);
                }

                w.WriteStartArray("versions");
                foreach (var v in state.Versions)
                {
                    w.WriteStartObject();
                    w.WriteStartObject("dependencies");
                    foreach (var (depId, depVersion) in v.Dependencies)
                    {
                        w.WriteString(depId, depVersion);
                    }

                    w.WriteEndObject();
                    w.WriteStartArray("exportedTo");
                    foreach (var scope in v.ExportedTo)
                    {
                        w.WriteStringValue(scope);
                    }

                    w.WriteEndArray();
                    w.WriteString("hash", v.Hash);
                    if (v.Inputs is not null)
                    {
                        w.WriteStartObject("inputs");
                        foreach (var (input, value) in v.Inputs)
                        {
                            w.WriteString(input, value);
                        }

                        w.WriteEndObject();
                    }

                    if (v.Message is not null)
                    {
                        w.WriteString("message", v.Message);
                    }

                    w.WriteString("time", v.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("version", v.Version);
                    WriteExtra(w, v.Extra);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                WriteExtra(w, state.Extra);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            WriteExtra(w, bitmap.Extra);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Fields this version does not know go after the known ones, sorted, exactly as they were read.</summary>
    private static void WriteExtra(Utf8JsonWriter w, SortedDictionary<string, JsonElement> extra)
    {
        foreach (var (name, value) in extra)
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }

    public static void Write(string path, Bitmap bitmap, string? tempFolder = null) => AtomicFile.WriteAllBytes(path, Serialize(bitmap), tempFolder);

    internal static string SerializeToString(Bitmap bitmap) => Encoding.UTF8.GetString(Serialize(bitmap));
}
