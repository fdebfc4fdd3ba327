using System.Diagnostics;
using BitBuild.Engine.Packages;
using BitBuild.Engine.Processes;
using BitBuild.Engine.Scopes;
using BitBuild.Server;
using BitBuild.Server.Security;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol.Core.Types;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Versioning;

// Scope server benchmarks. Usage: ServerBench [--packages N] [--restore-packages M] [--runs R]
//  1. export of N component packages in one request (ScopeServerClient) vs `dotnet nuget push` of the same N packages,
//     each into an empty scope of the same server (target ratio export/push <= 0.5);
//  2. cold `dotnet restore` of a consumer of M packages from the server vs from a folder feed (target ratio <= 1.5).
var count = Arg("--packages", 300);
var restoreCount = Arg("--restore-packages", 50);
var runs = Arg("--runs", 3);
var work = Path.Combine(Path.GetTempPath(), $"bitbench-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
try
{
    File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
    File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");
    File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
    await using var host = await ScopeServerHost.StartAsync(new ScopeServerOptions { Root = Path.Combine(work, "server"), Urls = ["http://127.0.0.1:0"] }, CancellationToken.None);
    Console.WriteLine($"server {host.Address}, {count} packages, {runs} run(s) each, median reported");

    var exportTimes = new List<double>();
    var pushTimes = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var exportScope = $"bench.export{run}";
        var pushScope = $"bench.push{run}";
        var exportPackages = Generate(Path.Combine(work, exportScope), exportScope, count, withDependencies: true);
        var pushPackages = Generate(Path.Combine(work, pushScope), pushScope, count, withDependencies: true);
        var exportKey = Scope(exportScope);
        var pushKey = Scope(pushScope);

        var watch = Stopwatch.StartNew();
        var result = await ScopeServerClient.ExportAsync(new Uri($"{host.Address}{exportScope}/v3/index.json"), exportKey, exportPackages, CancellationToken.None);
        exportTimes.Add(watch.Elapsed.TotalSeconds);
        Check(result.Pushed.Count == count, $"export pushed {result.Pushed.Count} of {count}");

        watch.Restart();
        var push = DotNet(work, ["nuget", "push", Path.Combine(work, pushScope, "*.nupkg"), "-s", $"{host.Address}{pushScope}/v3/index.json", "-k", pushKey, "--allow-insecure-connections"]);
        pushTimes.Add(watch.Elapsed.TotalSeconds);
        Check(push.ExitCode == 0, push.CombinedOutput);
        Check(host.Services.Scopes.Catalog(pushScope).Entries.Count == count, "push did not land every package");
        Console.WriteLine($"  run {run + 1}: export {exportTimes[^1]:0.00} s, dotnet nuget push {pushTimes[^1]:0.00} s");
    }

    Report($"export of {count} packages (one request) vs dotnet nuget push", Median(exportTimes), Median(pushTimes), 0.5);

    // Restore: the same M packages from the server and from a folder feed (v3 layout), cold caches every time.
    const string restoreScope = "bench.restore";
    var restoreKey = Scope(restoreScope);
    var restorePackages = Generate(Path.Combine(work, "restore-pkgs"), restoreScope, restoreCount, withDependencies: false);
    await ScopeServerClient.ExportAsync(new Uri($"{host.Address}{restoreScope}/v3/index.json"), restoreKey, restorePackages, CancellationToken.None);
    var folderFeed = Path.Combine(work, "folder-feed");
    Directory.CreateDirectory(folderFeed);
    foreach (var nupkg in restorePackages)
    {
        await OfflineFeedUtility.AddPackageToSource(new OfflineFeedAddContext(nupkg, folderFeed, NullLogger.Instance, true, true, true,
            new PackageExtractionContext(PackageSaveMode.Nupkg | PackageSaveMode.Nuspec, XmlDocFileSaveMode.None, ClientPolicyContext.GetClientPolicy(NullSettings.Instance, NullLogger.Instance), NullLogger.Instance)), CancellationToken.None);
    }

    var consumer = Path.Combine(work, "consumer");
    Directory.CreateDirectory(consumer);
    File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
          <ItemGroup>
        {string.Join("\n", Enumerable.Range(0, restoreCount).Select(i => $"    <PackageReference Include=\"{restoreScope}.component{i:D4}\" Version=\"1.0.0\" />"))}
          </ItemGroup>
        </Project>
        """);
    var serverTimes = new List<double>();
    var folderTimes = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        serverTimes.Add(Restore(consumer, $"{host.Address}{restoreScope}/v3/index.json", true, run));
        folderTimes.Add(Restore(consumer, folderFeed, false, run));
        Console.WriteLine($"  run {run + 1}: restore from server {serverTimes[^1]:0.00} s, from folder {folderTimes[^1]:0.00} s");
    }

    Report($"cold restore of a consumer of {restoreCount} packages: server vs folder feed", Median(serverTimes), Median(folderTimes), 1.5);

    string Scope(string name)
    {
        host.Services.Scopes.CreateScope(name, isPublic: true);
        return host.Services.Keys.Create(name, KeyRights.Write);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

double Restore(string consumer, string source, bool http, int run)
{
    File.WriteAllText(Path.Combine(consumer, "NuGet.Config"), $"""
        <configuration><packageSources><clear /><add key="scope" value="{source}"{(http ? " allowInsecureConnections=\"true\"" : "")} /></packageSources></configuration>
        """);
    var caches = Path.Combine(consumer, $".caches-{(http ? "server" : "folder")}-{run}");
    var watch = Stopwatch.StartNew();
    var result = DotNet(consumer, ["restore", "--force", "--no-cache"], caches);
    var seconds = watch.Elapsed.TotalSeconds;
    Check(result.ExitCode == 0, result.CombinedOutput);
    Directory.Delete(Path.Combine(consumer, "obj"), recursive: true);
    return seconds;
}

ProcessResult DotNet(string folder, string[] arguments, string? caches = null)
{
    var environment = DotNetCli.Environment();
    caches ??= Path.Combine(folder, ".caches");
    environment["NUGET_PACKAGES"] = Path.Combine(caches, "packages");
    environment["NUGET_HTTP_CACHE_PATH"] = Path.Combine(caches, "http");
    return ProcessRunner.Run(DotNetCli.HostPath, arguments, folder, environment);
}

static IReadOnlyList<string> Generate(string folder, string scope, int count, bool withDependencies)
{
    Directory.CreateDirectory(folder);
    var paths = new List<string>();
    var payload = new byte[16 * 1024];
    new Random(42).NextBytes(payload);
    for (var i = 0; i < count; i++)
    {
        var componentId = $"component{i:D4}";
        var packageId = $"{scope}.{componentId}";
        // Each component depends on the previous one, so the export's dependency check has real work to do.
        var deps = withDependencies && i > 0 ? new List<ManifestDependency> { new($"component{i - 1:D4}", "1.0.0", scope, $"{scope}.component{i - 1:D4}") } : [];
        var manifest = new ComponentManifest
        {
            Id = componentId, Version = "1.0.0", Hash = "sha256:" + new string('0', 64), Message = "bench", Time = DateTimeOffset.UnixEpoch,
            Scope = scope, PackageId = packageId, Dependencies = deps,
        };
        var builder = new PackageBuilder { Id = packageId, Version = NuGetVersion.Parse("1.0.0"), Description = "benchmark component" };
        builder.Authors.Add("bench");
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"),
            deps.Select(d => new PackageDependency(d.PackageId, VersionRange.Parse("[1.0.0]")))));
        builder.Files.Add(new BytesFile(ComponentManifest.PathInPackage, manifest.ToJson()));
        builder.Files.Add(new BytesFile("lib/net10.0/_._", []));
        builder.Files.Add(new BytesFile("bit/src/payload.bin", payload)); // ~16 KiB of sources, like a small component
        var path = Path.Combine(folder, $"{packageId}.1.0.0.nupkg");
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        paths.Add(path);
    }

    return paths;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static void Report(string what, double measured, double baseline, double target)
{
    var ratio = measured / baseline;
    Console.WriteLine($"RESULT {what}: {measured:0.00} s vs {baseline:0.00} s, ratio {ratio:0.00} (target <= {target}) {(ratio <= target ? "PASS" : "MISS")}");
}

static void Check(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}

internal sealed class BytesFile(string path, byte[] bytes) : IPackageFile
{
    public string Path => path;

    public string EffectivePath => path;

    public System.Runtime.Versioning.FrameworkName? TargetFramework => null;

    public NuGetFramework NuGetFramework => NuGetFramework.AnyFramework;

    public DateTimeOffset LastWriteTime => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Stream GetStream() => new MemoryStream(bytes, writable: false);
}
