using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// Real repositories set the version themselves: with a versioning package (MinVer, Nerdbank.GitVersioning,
/// GitVersion.MsBuild, the real packages, in a git repository with tags and history), a Version in Directory.Build.props,
/// or a target of their own. Whatever the repository does, the packages tag produces carry the tagged version — in the
/// file name, the nuspec, the dependency on another component — and the assembly a consistent one, while the same
/// project packed with plain 'dotnet pack' gets the repository's version (so each case really overrides it).
/// </summary>
public sealed class TaggedVersionWinsTests
{
    /// <summary>A way a repository sets its version: what goes into Directory.Build.props/.targets and the repository.</summary>
    public sealed record VersioningSetup(string Name, string Props, string Targets, string PlainPackVersionStart, Action<TempWorkspace>? Prepare = null)
    {
        /// <summary>Core targets netstandard2.0 and net8.0 (pack runs in the outer build, where the hooks differ).</summary>
        public bool MultiTargeting { get; init; }

        public override string ToString() => Name;
    }

    private static readonly VersioningSetup[] Setups =
    [
        new("MinVer",
            """<ItemGroup><PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" /></ItemGroup>""",
            "", "8.7.1-alpha.0.", ws => { Git(ws, "tag", "8.7.0"); Commit(ws, "after the release"); }),
        new("Nerdbank.GitVersioning",
            """<ItemGroup><PackageReference Include="Nerdbank.GitVersioning" Version="3.10.94" PrivateAssets="all" /></ItemGroup>""",
            "", "5.2.", ws => { ws.Write("version.json", """{ "version": "5.2", "publicReleaseRefSpec": [ "^refs/heads/main$" ] }"""); Commit(ws, "version.json"); }),
        new("GitVersion.MsBuild",
            """<ItemGroup><PackageReference Include="GitVersion.MsBuild" Version="6.8.2" PrivateAssets="all" /></ItemGroup>""",
            "", "3.1.", ws => { Git(ws, "tag", "3.1.0"); Commit(ws, "after the release"); }),
        new("MinVer, multi-targeting",
            """<ItemGroup><PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" /></ItemGroup>""",
            "", "8.7.1-alpha.0.", ws => { Git(ws, "tag", "8.7.0"); Commit(ws, "after the release"); }) { MultiTargeting = true },
        new("Directory.Build.props Version",
            "<PropertyGroup><Version>4.5.6</Version><VersionSuffix>preview</VersionSuffix></PropertyGroup>", "", "4.5.6"),
        new("custom version target", "", CustomVersionTarget, "9.9.9-custom"),
        // In a multi-targeting project pack runs in the outer build, where a repository's target hooked on the same
        // targets as BitBuild's used to be imported after BitBuild's (and so ran after them).
        new("custom version target, multi-targeting", "", CustomVersionTarget, "9.9.9-custom") { MultiTargeting = true },
    ];

    private const string CustomVersionTarget = """
        <Target Name="StampRepositoryVersion" BeforeTargets="GetAssemblyVersion;GenerateNuspec;_GetProjectVersion;CoreCompile">
          <PropertyGroup>
            <Version>9.9.9-custom</Version>
            <PackageVersion>9.9.9-custom</PackageVersion>
            <FileVersion>9.9.9.9</FileVersion>
            <InformationalVersion>9.9.9-custom+stamp</InformationalVersion>
          </PropertyGroup>
        </Target>
        """;

    public static TheoryData<string> SetupNames => new(Setups.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SetupNames))]
    public void Packages_and_assemblies_carry_the_tagged_version(string setupName)
    {
        var setup = Setups.Single(s => s.Name == setupName);
        using var ws = CreateRepository(setup, assemblyVersion: null);

        var plain = BitCli.DotNet(ws.Root, "pack", "src/core/Core.csproj", "-o", ws.PathOf("plain-pack"), "-nologo");
        Assert.True(plain.ExitCode == 0, plain.CombinedOutput);
        var plainPackage = Path.GetFileName(Assert.Single(Directory.GetFiles(ws.PathOf("plain-pack"), "*.nupkg")));
        Assert.StartsWith("Core." + setup.PlainPackVersionStart, plainPackage);

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        var core = ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg");
        var app = ws.PathOf(".bit/packages/app/0.0.1/bitlocal.app.0.0.1.nupkg");
        Assert.True(File.Exists(core), tag.CombinedOutput);
        Assert.Equal("0.0.1", NuspecVersion(core));
        Assert.Equal("0.0.1", NuspecVersion(app));
        Assert.Equal("0.0.1", DependencyVersion(app, "bitlocal.core"));
        var (assemblyVersion, fileVersion, informationalVersion) = AssemblyVersions(core, setup.MultiTargeting ? "lib/net8.0/Core.dll" : "lib/net10.0/Core.dll");
        Assert.Equal(new Version(0, 0, 1, 0), assemblyVersion);
        Assert.Equal("0.0.1.0", fileVersion);
        Assert.Matches("^0\\.0\\.1(\\+[0-9a-f]+)?$", informationalVersion);

        ExportAndRunConsumer(ws, expectedAssemblyVersion: "0.0.1.0");
    }

    /// <summary>
    /// Exports both components to a folder scope, checks the exported packages' nuspec versions, then a console app adds
    /// the app component with 'dotnet add package' and runs: it prints the core component's answer and its assembly's
    /// versions, as a consumer would see them.
    /// </summary>
    private static void ExportAndRunConsumer(TempWorkspace ws, string expectedAssemblyVersion)
    {
        // A scope of its own per test: NuGet's global packages folder, shared by the tests, keeps a package by id and
        // version, so another test's team.x.core 0.0.1 would be what the consumer gets.
        var scope = "team.v" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        var remote = BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/versions");
        Assert.True(remote.ExitCode == 0, remote.CombinedOutput);
        var export = BitCli.Bit(ws.Root, "export", scope);
        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Equal("0.0.1", NuspecVersion(ws.PathOf($"feeds/versions/{scope}.core/0.0.1/{scope}.core.0.0.1.nupkg")));
        Assert.Equal("[0.0.1]", DependencyVersion(ws.PathOf($"feeds/versions/{scope}.app/0.0.1/{scope}.app.0.0.1.nupkg"), $"{scope}.core"));

        using var consumer = new TempWorkspace("versioning-consumer");
        consumer.WriteNuGetConfig((scope, ws.PathOf("feeds/versions")));
        consumer.Write("use/Use.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        consumer.Write("use/Program.cs", """
            using System.Reflection;
            var core = typeof(Core.Answer).Assembly;
            Console.WriteLine($"answer {App.Show.Text}");
            Console.WriteLine($"assembly {core.GetName().Version}");
            Console.WriteLine($"file {core.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version}");
            Console.WriteLine($"informational {core.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
            """);
        var add = BitCli.DotNet(consumer.PathOf("use"), "add", "package", $"{scope}.app", "--version", "0.0.1");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        var run = BitCli.DotNet(consumer.PathOf("use"), "run", "-nologo");
        Assert.True(run.ExitCode == 0, run.CombinedOutput);
        Assert.Contains("answer 42", run.StandardOutput);
        Assert.Contains($"assembly {expectedAssemblyVersion}", run.StandardOutput);
        Assert.Contains("file 0.0.1.0", run.StandardOutput);
        Assert.Matches("informational 0\\.0\\.1(\\+[0-9a-f]+)?\\r?\\n", run.StandardOutput);
    }

    /// <summary>A repository that pins AssemblyVersion (strong-name binding across patch releases) keeps it; the rest follows the tag.</summary>
    [Fact]
    public void A_pinned_assembly_version_is_kept_while_the_package_gets_the_tagged_version()
    {
        using var ws = CreateRepository(Setups.Single(s => s.Name == "MinVer"), assemblyVersion: "4.0.0.0");

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        var core = ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg");
        Assert.Equal("0.0.1", NuspecVersion(core));
        var (assemblyVersion, fileVersion, _) = AssemblyVersions(core, "lib/net10.0/Core.dll");
        Assert.Equal(new Version(4, 0, 0, 0), assemblyVersion);
        Assert.Equal("0.0.1.0", fileVersion);

        ExportAndRunConsumer(ws, expectedAssemblyVersion: "4.0.0.0");
    }

    /// <summary>
    /// CI exports from a fresh clone, later than the tag: the versioning package now computes another version (the
    /// height grew by two commits), or, in a shallow clone (CI's default fetch depth of one), cannot compute one and would
    /// fail the build. Either way the rebuilt packages are the tagged version. The dry run before says which packages
    /// export would rebuild, after running the checks a rebuild can fail.
    /// </summary>
    [Theory]
    [InlineData("Nerdbank.GitVersioning", false)]
    [InlineData("Nerdbank.GitVersioning", true)]
    [InlineData("GitVersion.MsBuild", true)]
    public void A_fresh_clone_two_commits_after_the_tag_exports_the_tagged_version(string setupName, bool shallow)
    {
        using var ws = CreateRepository(Setups.Single(s => s.Name == setupName), assemblyVersion: null);
        File.AppendAllText(ws.PathOf(".gitignore"), "bin/\nobj/\nfeeds/\n");
        Directory.CreateDirectory(ws.PathOf("feeds"));
        var scope = "team.v" + Guid.NewGuid().ToString("N")[..12];
        Assert.True(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/versions").ExitCode == 0);
        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        Commit(ws, "tagged 0.0.1");
        Commit(ws, "one commit later");
        Commit(ws, "two commits later");

        using var ci = new TempWorkspace("versioning-ci");
        var clone = ci.PathOf("clone");
        Git(ci, shallow ? ["clone", "-q", "--depth", "1", "file://" + ws.Root, clone] : ["clone", "-q", ws.Root, clone]);
        Directory.CreateDirectory(Path.Combine(clone, "feeds"));
        Assert.False(Directory.Exists(Path.Combine(clone, ".bit")));

        var dryRun = BitCli.Bit(clone, "export", scope, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.CombinedOutput);
        Assert.Contains($"would send {scope}.core 0.0.1 (core, rebuilt from the tagged sources)", dryRun.StandardOutput);
        Assert.Contains($"would send {scope}.app 0.0.1 (app, rebuilt from the tagged sources)", dryRun.StandardOutput);
        Assert.False(Directory.Exists(Path.Combine(clone, "feeds", "versions")), "a dry run sends nothing");

        var export = BitCli.Bit(clone, "export", scope);
        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Contains("rebuilding 2 local packages", export.StandardOutput);
        Assert.Equal(shallow, export.CombinedOutput.Contains("shallow git clone", StringComparison.Ordinal));
        var core = Path.Combine(clone, $"feeds/versions/{scope}.core/0.0.1/{scope}.core.0.0.1.nupkg");
        Assert.Equal("0.0.1", NuspecVersion(core));
        Assert.Equal("[0.0.1]", DependencyVersion(Path.Combine(clone, $"feeds/versions/{scope}.app/0.0.1/{scope}.app.0.0.1.nupkg"), $"{scope}.core"));
        Assert.Equal("0.0.1.0", AssemblyVersions(core, "lib/net10.0/Core.dll").File);
    }

    /// <summary>
    /// A target that sets the package version after BitBuild last set it (here: after GetAssemblyVersion, by which time
    /// BitBuild's own target has run) is caught before anything compiles: BIT2011 naming the component, the project, the
    /// property, both versions and the target and file that set it; nothing tagged, nothing built.
    /// </summary>
    [Fact]
    public void A_version_set_after_bitbuild_set_it_is_reported_before_the_build_and_nothing_is_tagged()
    {
        var late = new VersioningSetup("late target", "", """
            <Target Name="StampLate" AfterTargets="GetAssemblyVersion">
              <PropertyGroup><PackageVersion>7.7.7</PackageVersion></PropertyGroup>
            </Target>
            """, "7.7.7");
        using var ws = CreateRepository(late, assemblyVersion: null);
        var bitmapBefore = ws.Read(".bitmap");

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2011:", tag.StandardError);
        Assert.Matches("(app|core): PackageVersion of src/(app/App|core/Core).csproj is '7.7.7' instead of the tagged '0.0.1', set by target 'StampLate' in Directory.Build.targets", tag.StandardError);
        Assert.Contains("before the project was built", tag.StandardError);
        Assert.Equal(bitmapBefore, ws.Read(".bitmap"));
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages/core")));
        Assert.False(Directory.Exists(ws.PathOf("src/core/bin")), "core was compiled although the check fails before the build");
        Assert.False(Directory.Exists(ws.PathOf("src/app/bin")), "app was compiled although the check fails before the build");
    }

    /// <summary>
    /// A target that runs only when the package is written (before GenerateNuspec, after the build) is beyond what the early
    /// check can see: the produced package's version is checked anyway, and that too names the target.
    /// </summary>
    [Fact]
    public void A_version_set_while_packing_is_caught_in_the_package_and_nothing_is_tagged()
    {
        var late = new VersioningSetup("packing target", "", """
            <Target Name="StampWhilePacking" BeforeTargets="GenerateNuspec">
              <PropertyGroup><PackageVersion>8.8.8</PackageVersion></PropertyGroup>
            </Target>
            """, "8.8.8");
        using var ws = CreateRepository(late, assemblyVersion: null);
        var bitmapBefore = ws.Read(".bitmap");

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2011:", tag.StandardError);
        Assert.Contains("set by target 'StampWhilePacking' in Directory.Build.targets", tag.StandardError);
        Assert.Equal(bitmapBefore, ws.Read(".bitmap"));
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages/core")));
    }

    /// <summary>A git repository with two components (app depends on core) and the setup's versioning.</summary>
    private static TempWorkspace CreateRepository(VersioningSetup setup, string? assemblyVersion)
    {
        var ws = new TempWorkspace("versioning");
        var pin = assemblyVersion is null ? "" : $"<PropertyGroup><AssemblyVersion>{assemblyVersion}</AssemblyVersion></PropertyGroup>";
        ws.Write("Directory.Build.props", $"<Project>\n  {setup.Props}\n  {pin}\n</Project>\n");
        ws.Write("Directory.Build.targets", $"<Project>\n{setup.Targets}\n</Project>\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => 42; }\n");
        if (setup.MultiTargeting)
        {
            ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj")
                .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks>", StringComparison.Ordinal)
                .Replace("<ImplicitUsings>enable</ImplicitUsings>", "<LangVersion>latest</LangVersion>", StringComparison.Ordinal));
        }

        ws.AddLibrary("src/app", "App", "namespace App;\npublic static class Show { public static string Text => Core.Answer.Value.ToString(); }\n", "src/core/Core.csproj");
        var init = BitCli.Bit(ws.Root, "init", "--default-scope", "team.versions");
        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        var add = BitCli.Bit(ws.Root, "add", "src/core", "src/app");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        Git(ws, "init", "-q", "-b", "main");
        Commit(ws, "init");
        setup.Prepare?.Invoke(ws);
        return ws;
    }

    private static void Commit(TempWorkspace ws, string message)
    {
        File.AppendAllText(ws.PathOf("history.txt"), message + "\n");
        Git(ws, "add", "-A");
        Git(ws, "commit", "-q", "-m", message);
    }

    private static void Git(TempWorkspace ws, params string[] args) => ws.Git(args);

    private static XElement Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XElement.Load(stream);
    }

    private static string NuspecVersion(string nupkg) =>
        Nuspec(nupkg).Descendants().Single(e => e.Name.LocalName == "version" && e.Parent!.Name.LocalName == "metadata").Value;

    private static string DependencyVersion(string nupkg, string id) =>
        Nuspec(nupkg).Descendants().Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == id)
            .Select(e => (string)e.Attribute("version")!).Distinct().Single();

    /// <summary>The assembly's version, file version and informational version, read from the dll in the package.</summary>
    private static (Version? Assembly, string? File, string? Informational) AssemblyVersions(string nupkg, string entryName)
    {
        var dllName = Path.GetFileName(entryName);
        var folder = Directory.CreateTempSubdirectory("bit-dll-").FullName;
        try
        {
            using (var zip = ZipFile.OpenRead(nupkg))
            {
                zip.Entries.Single(e => e.FullName == entryName).ExtractToFile(Path.Combine(folder, dllName));
            }

            var path = Path.Combine(folder, dllName);
            var info = FileVersionInfo.GetVersionInfo(path);
            return (AssemblyName.GetAssemblyName(path).Version, info.FileVersion, info.ProductVersion);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
