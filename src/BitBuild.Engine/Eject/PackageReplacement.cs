namespace BitBuild.Engine.Eject;

/// <summary>An ejected project (full path) and the package that takes its place.</summary>
public sealed record PackageReplacement(string ProjectPath, string PackageId, string Version);
