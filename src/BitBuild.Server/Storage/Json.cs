using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitBuild.Server.Storage;

/// <summary>The JSON settings every file and response of the server uses: camelCase, nulls omitted.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static byte[] Serialize<T>(T value, bool indented = false) => JsonSerializer.SerializeToUtf8Bytes(value, indented ? Indented : Options);

    public static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options)
        ?? throw new InvalidDataException($"{path} is empty");
}
