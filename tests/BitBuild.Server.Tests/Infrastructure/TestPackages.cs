using BitBuild.Engine.Packages;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using System.Runtime.Versioning;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>Builds component packages in code (NuGet's own PackageBuilder), with a bit/component.json as export writes it.</summary>
public static class TestPackages
{
    /// <summary>A dependency of a test component: its component id, version and scope.</summary>
    public sealed record Dep(string ComponentId, string Version, string Scope)
    {
        public string PackageId => Scope + "." + ComponentId.Replace('/', '.');
    }

    public static string Component(string folder, string scope, string componentId, string version, string? message = null, string hash = "sha256:aa", IEnumerable<Dep>? dependencies = null, string? packageId = null)
    {
        var deps = (dependencies ?? []).ToList();
        var id = packageId ?? scope + "." + componentId.Replace('/', '.');
        var manifest = new ComponentManifest
        {
            Id = componentId,
            Version = version,
            Hash = hash,
            Message = message,
            Time = new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero),
            Scope = scope,
            PackageId = id,
            Dependencies = deps.Select(d => new ManifestDependency(d.ComponentId, d.Version, d.Scope, d.PackageId)).ToList(),
        };
        var builder = new PackageBuilder
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = $"component {componentId}",
        };
        builder.Authors.Add("tests");
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"),
            deps.Select(d => new PackageDependency(d.PackageId, VersionRange.Parse($"[{d.Version}]")))));
        var manifestBytes = manifest.ToJson();
        builder.Files.Add(new BytesFile(ComponentManifest.PathInPackage, manifestBytes));
        builder.Files.Add(new BytesFile("lib/net10.0/_._", []));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{id}.{version}.nupkg".ToLowerInvariant());
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        return path;
    }

    private sealed class BytesFile(string path, byte[] bytes) : IPackageFile
    {
        public string Path => path;

        public string EffectivePath => path;

        public FrameworkName? TargetFramework => null;

        public NuGetFramework NuGetFramework => NuGetFramework.AnyFramework;

        public DateTimeOffset LastWriteTime => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Stream GetStream() => new MemoryStream(bytes, writable: false);
    }
}
