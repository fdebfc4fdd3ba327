using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Tagging;
using NuGet.Versioning;

namespace BitBuild.Engine.State;

/// <summary>
/// Reads <c>.bitmap</c> token by token with <see cref="Utf8JsonReader"/>, so every problem can be reported at its line and
/// column: a duplicate key (which a DOM parser would silently resolve to the last one, losing the other), a duplicate
/// version, a field of the wrong JSON kind, a missing required field, a name no command would accept. Fields this version
/// does not know are kept as raw JSON in <c>Extra</c>, so a file written by a newer BitBuild (or a person) keeps them when
/// this version rewrites it.
/// </summary>
internal sealed class BitmapParser(string path, ReadOnlyMemory<byte> json)
{
    public Bitmap Parse()
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartObject, "the top level", "an object");
        var bitmap = new Bitmap();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, seen, "the top level", out var name))
        {
            Next(ref reader);
            switch (name)
            {
                case "format":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var format) || format < 1)
                    {
                        throw Corrupt(reader, "\"format\" must be a whole number (1)");
                    }

                    if (format > Bitmap.CurrentFormat)
                    {
                        var (line, column) = Position(reader.TokenStartIndex);
                        throw new BitException(
                            DiagnosticCodes.UnsupportedBitmapVersion,
                            $"{path} has format {format}, newer than this BitBuild understands ({Bitmap.CurrentFormat}). Update the dotnet bit tool.",
                            path, line, column);
                    }

                    bitmap.Format = format;
                    break;
                case "components":
                    ReadComponents(ref reader, bitmap);
                    break;
                default:
                    bitmap.Extra[name] = Raw(ref reader);
                    break;
            }
        }

        // Anything after the top-level object (a second object, a merge's leftovers) makes the reader throw here.
        reader.Read();
        return bitmap;
    }

    private void ReadComponents(ref Utf8JsonReader reader, Bitmap bitmap)
    {
        Expect(ref reader, JsonTokenType.StartObject, "\"components\"", "an object of component ids");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, seen, "\"components\"", out var id))
        {
            CheckName(reader, ComponentId.IsValid(id), () => ComponentId.Validate(id, "a component in .bitmap", path));
            Next(ref reader);
            Expect(ref reader, JsonTokenType.StartObject, $"component {id}", "an object");
            ReadComponent(ref reader, id, bitmap.GetOrAdd(id));
        }
    }

    private void ReadComponent(ref Utf8JsonReader reader, string id, ComponentState state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var versionAt = new Dictionary<NuGetVersion, long>();
        while (NextProperty(ref reader, seen, $"component {id}", out var name))
        {
            Next(ref reader);
            switch (name)
            {
                case "project":
                    state.Project = NullableString(ref reader, $"\"project\" of {id}");
                    break;
                case "scope":
                    state.Scope = NullableString(ref reader, $"\"scope\" of {id}");
                    if (state.Scope is { } scope)
                    {
                        CheckName(reader, ScopeName.IsValid(scope), () => ScopeName.Validate(scope, $"the primary scope of {id} in .bitmap", path));
                    }

                    break;
                case "versions":
                    Expect(ref reader, JsonTokenType.StartArray, $"\"versions\" of {id}", "an array");
                    while (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        var start = reader.TokenStartIndex;
                        Expect(ref reader, JsonTokenType.StartObject, $"a version of {id}", "an object");
                        var version = ReadVersion(ref reader, id, start, out var versionStart);
                        var parsed = NuGetVersion.Parse(version.Version);
                        if (!versionAt.TryAdd(parsed, versionStart))
                        {
                            throw CorruptAt(versionStart, $"{id} has version {version.Version} twice; keep one of the two entries");
                        }

                        state.Versions.Add(version);
                    }

                    break;
                default:
                    state.Extra[name] = Raw(ref reader);
                    break;
            }
        }

        state.Versions.Sort((a, b) => NuGetVersion.Parse(a.Version).CompareTo(NuGetVersion.Parse(b.Version)));
    }

    private TaggedVersion ReadVersion(ref Utf8JsonReader reader, string id, long start, out long versionStart)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? version = null, hash = null, message = null;
        DateTimeOffset time = default;
        versionStart = start;
        var dependencies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var exportedTo = new SortedSet<string>(StringComparer.Ordinal);
        SortedDictionary<string, string>? inputs = null;
        var extra = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        var where = $"a version of {id}";
        while (NextProperty(ref reader, seen, where, out var name))
        {
            Next(ref reader);
            switch (name)
            {
                case "version":
                    versionStart = reader.TokenStartIndex;
                    version = String(ref reader, $"\"version\" of {id}");
                    if (version.Length > VersionIncrement.MaxVersionLength || !NuGetVersion.TryParse(version, out _))
                    {
                        throw Corrupt(reader, $"{id} has the version {NameText.Quote(version)}, which is not a SemVer 2 version of at most {VersionIncrement.MaxVersionLength} characters");
                    }

                    where = $"{id} {version}";
                    break;
                case "hash":
                    hash = String(ref reader, $"\"hash\" of {where}");
                    break;
                case "message":
                    message = NullableString(ref reader, $"\"message\" of {where}");
                    break;
                case "time":
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out time))
                    {
                        throw Corrupt(reader, $"\"time\" of {where} must be a date and time such as \"2026-12-07T10:00:00Z\"");
                    }

                    break;
                case "dependencies":
                    Expect(ref reader, JsonTokenType.StartObject, $"\"dependencies\" of {where}", "an object of component ids and versions");
                    var seenDependencies = new HashSet<string>(StringComparer.Ordinal);
                    while (NextProperty(ref reader, seenDependencies, $"\"dependencies\" of {where}", out var dependency))
                    {
                        CheckName(reader, ComponentId.IsValid(dependency), () => ComponentId.Validate(dependency, $"a dependency of {id} in .bitmap", path));
                        Next(ref reader);
                        var dependencyVersion = String(ref reader, $"the version of dependency {dependency} of {where}");
                        if (!NuGetVersion.TryParse(dependencyVersion, out _))
                        {
                            throw Corrupt(reader, $"dependency {dependency} of {where} has the version {NameText.Quote(dependencyVersion)}, which is not a SemVer 2 version");
                        }

                        dependencies[dependency] = dependencyVersion;
                    }

                    break;
                case "inputs":
                    Expect(ref reader, JsonTokenType.StartObject, $"\"inputs\" of {where}", "an object of build inputs and their hashes or versions");
                    inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    var seenInputs = new HashSet<string>(StringComparer.Ordinal);
                    while (NextProperty(ref reader, seenInputs, $"\"inputs\" of {where}", out var input))
                    {
                        Next(ref reader);
                        inputs[input] = String(ref reader, $"the input {NameText.Quote(input)} of {where}");
                    }

                    break;
                case "exportedTo":
                    Expect(ref reader, JsonTokenType.StartArray, $"\"exportedTo\" of {where}", "an array of scope names");
                    while (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        var scope = String(ref reader, $"an \"exportedTo\" entry of {where}");
                        CheckName(reader, ScopeName.IsValid(scope), () => ScopeName.Validate(scope, $"a scope {id} was exported to, in .bitmap", path));
                        if (!exportedTo.Add(scope))
                        {
                            throw Corrupt(reader, $"\"exportedTo\" of {where} names {scope} twice; keep one");
                        }
                    }

                    break;
                default:
                    extra[name] = Raw(ref reader);
                    break;
            }
        }

        if (version is null || hash is null)
        {
            throw CorruptAt(start, $"{where} has no \"{(version is null ? "version" : "hash")}\"; every version entry needs \"version\" and \"hash\"");
        }

        var tagged = new TaggedVersion { Version = version, Hash = hash, Message = message, Time = time, Inputs = inputs };
        foreach (var (k, v) in dependencies)
        {
            tagged.Dependencies[k] = v;
        }

        tagged.ExportedTo.UnionWith(exportedTo);
        foreach (var (k, v) in extra)
        {
            tagged.Extra[k] = v;
        }

        return tagged;
    }

    /// <summary>Moves to the next property of the current object; false at its end. A key seen before is an error at its position.</summary>
    private bool NextProperty(ref Utf8JsonReader reader, HashSet<string> seen, string where, out string name)
    {
        if (Next(ref reader) == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString()!;
        if (!seen.Add(name))
        {
            throw Corrupt(reader, $"{where} has the key \"{name}\" twice (a merge that kept both sides?); keep one of the two entries");
        }

        return true;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            // The reader throws for most truncations itself; an empty file ends here.
            throw new JsonException("The file ends before the JSON is complete.", null, 0, 0);
        }

        return reader.TokenType;
    }

    private void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, string shape)
    {
        if (reader.TokenType != type)
        {
            throw Corrupt(reader, $"{what} must be {shape}, not {Describe(reader.TokenType)}");
        }
    }

    private string String(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Corrupt(reader, $"{what} must be a string, not {Describe(reader.TokenType)}");

    private string? NullableString(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.Null ? null : String(ref reader, what);

    private static JsonElement Raw(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    /// <summary>A name that fails its check gets that check's own code (BIT1005, BIT1010), with this file's position added.</summary>
    private void CheckName(Utf8JsonReader reader, bool valid, Action validate)
    {
        if (valid)
        {
            return;
        }

        try
        {
            validate();
        }
        catch (BitException ex)
        {
            var (line, column) = Position(reader.TokenStartIndex);
            throw new BitException(ex.Code, $"{path}, line {line}, column {column}: {ex.Message}", path, line, column);
        }
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private BitException Corrupt(Utf8JsonReader reader, string what) => CorruptAt(reader.TokenStartIndex, what);

    private BitException CorruptAt(long offset, string what)
    {
        var (line, column) = Position(offset);
        return new BitException(
            DiagnosticCodes.CorruptBitmap,
            $"{path} is not a valid .bitmap at line {line}, column {column}: {what}. Fix the file by hand or restore it with 'git checkout -- .bitmap'. " +
            "BitBuild will not overwrite it until it reads.",
            path, line, column);
    }

    /// <summary>1-based line and column (in characters, not bytes) of a byte offset.</summary>
    private (int Line, int Column) Position(long offset)
    {
        var bytes = json.Span[..(int)Math.Min(offset, json.Length)];
        var lineStart = bytes.LastIndexOf((byte)'\n') + 1;
        var line = bytes.Count((byte)'\n') + 1;
        var column = 1;
        foreach (var b in bytes[lineStart..])
        {
            // Count characters: UTF-8 continuation bytes (10xxxxxx) belong to the character before them.
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
