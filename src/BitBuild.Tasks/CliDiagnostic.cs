namespace BitBuild.Tasks;

/// <summary>One <c>error BIT####: …</c> or <c>warning BIT####: …</c> the dotnet bit CLI printed, with its location if it gave one.</summary>
internal sealed record CliDiagnostic(bool IsError, string Code, string Message, string? File, int Line, int Column);
