using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitBuild.Engine.Packages;

/// <summary>
/// <c>bit/component.json</c>, the manifest inside every component package: which component and version it is, the content
/// hash of its sources, and the component dependencies with the scope and package id this package depends on.
/// </summary>
public sealed record ComponentManifest
{
    public const string PathInPackage = "bit/component.json";
    public const string SourcesFolderInPackage = "bit/src/";

    /// <summary>
    /// Where the build inputs from outside the component's folder travel, by their workspace-relative paths: shared
    /// sources, imported MSBuild files, the sources of build-only project references (see <see cref="Inputs"/>).
    /// </summary>
    public const string WorkspaceFolderInPackage = "bit/workspace/";

    public required string Id { get; init; }

    public required string Version { get; init; }

    public required string Hash { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>The scope this package belongs to; null in the local scope.</summary>
    public string? Scope { get; init; }

    public required string PackageId { get; init; }

    public IReadOnlyList<ManifestDependency> Dependencies { get; init; } = [];

    /// <summary>
    /// The build inputs from outside the component's folder as .bitmap recorded them at tag (workspace-relative path or
    /// <c>package:Id</c> / <c>build-reference:path</c>, with hash or version); null in packages made before BitBuild
    /// recorded them. The files among them are in the package under <see cref="WorkspaceFolderInPackage"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Inputs { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Source-generated metadata: reflection-based metadata cost every short-lived dotnet bit process ~20 ms at first use.
        TypeInfoResolver = ComponentManifestJsonContext.Default,
    };

    public byte[] ToJson()
    {
        var text = JsonSerializer.Serialize(this with { Time = Time.ToUniversalTime() }, Options).Replace("\r\n", "\n") + "\n";
        return new System.Text.UTF8Encoding(false).GetBytes(text);
    }

    public static ComponentManifest FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ComponentManifest>(json, Options) ?? throw new JsonException("bit/component.json is empty");

    public static ComponentManifest FromJson(Stream json) =>
        JsonSerializer.Deserialize<ComponentManifest>(json, Options) ?? throw new JsonException("bit/component.json is empty");
}

public sealed record ManifestDependency(string Id, string Version, string? Scope, string PackageId);

[JsonSerializable(typeof(ComponentManifest))]
internal sealed partial class ComponentManifestJsonContext : JsonSerializerContext;
