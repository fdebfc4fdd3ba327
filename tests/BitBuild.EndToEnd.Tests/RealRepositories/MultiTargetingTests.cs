using System.IO.Compression;
using System.Xml.Linq;
using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// A multi-targeting component (<c>netstandard2.0;net8.0</c>) that depends on another one: every framework is in the
/// package, export rewrites the dependency group of every framework, and consumers on each framework get the right
/// asset — a net8.0 app runs (rolled forward to the installed runtime) and shows it got the net8.0 build, a
/// netstandard2.0 library and a net462 library (with Microsoft.NETFramework.ReferenceAssemblies) build.
/// </summary>
public sealed class MultiTargetingTests
{
    private const string Frameworks = "netstandard2.0;net8.0";

    [Fact]
    public void Every_framework_ships_and_consumers_on_each_restore_and_build_or_run()
    {
        using var ws = new TempWorkspace("multi-target");
        MultiTargetLibrary(ws, "src/text", "Text", """
            namespace Text;
            public static class Framework
            {
            #if NET8_0_OR_GREATER
                public static string Name => "net8.0";
            #else
                public static string Name => "netstandard2.0";
            #endif
            }
            """);
        MultiTargetLibrary(ws, "src/greet", "Greet", """
            namespace Greet;
            public static class Hello { public static string World() => "hello from " + Text.Framework.Name; }
            """, "../text/Text.csproj");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.multi"));
        Expect(BitCli.Bit(ws.Root, "add", "src/text", "src/greet"));
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "team.multi", "feeds/multi"));

        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Expect(BitCli.Bit(ws.Root, "export"));

        var greet = ws.PathOf("feeds/multi/team.multi.greet/0.0.1/team.multi.greet.0.0.1.nupkg");
        Assert.True(File.Exists(greet), "the exported package of greet is not in the scope folder");
        var entries = EntryNames(greet);
        Assert.Contains("lib/netstandard2.0/Greet.dll", entries);
        Assert.Contains("lib/net8.0/Greet.dll", entries);
        var groups = DependencyGroups(greet);
        Assert.Equal([".NETStandard2.0", "net8.0"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.All(groups.Values, dependencies => Assert.Equal([("team.multi.text", "[0.0.1]")], dependencies));

        // Per framework, the package is what the repository's own pack makes of the project, apart from id, version and the component dependency.
        Expect(BitCli.DotNet(ws.PathOf("src/greet"), "pack", "-o", ws.PathOf("own"), "-nologo", "-p:Version=0.0.1"));
        PackageContents.AssertSame(
            PackageContents.Read(ws.PathOf("own/Greet.0.0.1.nupkg"), id => id == "Text"),
            PackageContents.Read(greet, id => id == "team.multi.text"));

        using var consumers = new TempWorkspace("multi-target-consumers");
        consumers.WriteNuGetConfig(("team.multi", ws.PathOf("feeds/multi")));
        Consumer(consumers, "app8", "net8.0", "Exe", "<RollForward>Major</RollForward>", """
            System.Console.WriteLine(Greet.Hello.World());
            """);
        Consumer(consumers, "lib-ns20", "netstandard2.0", "Library", "", """
            namespace LibNs20; public static class Use { public static string It() => Greet.Hello.World(); }
            """);
        Consumer(consumers, "lib-net462", "net462", "Library", "", """
            namespace LibNet462; public static class Use { public static string It() => Greet.Hello.World(); }
            """, """<PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />""");

        var run = BitCli.DotNet(consumers.PathOf("app8"), "run");
        Assert.True(run.ExitCode == 0, run.CombinedOutput);
        Assert.Equal("hello from net8.0", run.StandardOutput.Trim());
        foreach (var library in new[] { "lib-ns20", "lib-net462" })
        {
            var build = BitCli.DotNet(consumers.PathOf(library), "build", "-nologo");
            Assert.True(build.ExitCode == 0, $"{library}:\n{build.CombinedOutput}");
        }
    }

    private static void MultiTargetLibrary(TempWorkspace ws, string folder, string name, string code, string? reference = null)
    {
        var references = reference is null ? "" : $"<ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup>";
        ws.Write($"{folder}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>{Frameworks}</TargetFrameworks>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              {references}
            </Project>

            """);
        ws.Write($"{folder}/{name}.cs", code);
    }

    /// <summary>A consumer project that takes team.multi.greet 0.0.1 with 'dotnet add package', as a user would.</summary>
    private static void Consumer(TempWorkspace consumers, string folder, string framework, string outputType, string extraProperties, string code, string extraItems = "")
    {
        consumers.Write($"{folder}/{folder}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <OutputType>{outputType}</OutputType>
                <LangVersion>latest</LangVersion>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>{extraItems}</ItemGroup>
            </Project>

            """);
        consumers.Write($"{folder}/Program.cs", code);
        var add = BitCli.DotNet(consumers.PathOf(folder), "add", "package", "team.multi.greet", "--version", "0.0.1");
        Assert.True(add.ExitCode == 0, $"dotnet add package in {folder}:\n{add.CombinedOutput}");
    }

    private static void Expect(Engine.Processes.ProcessResult result) =>
        Assert.True(result.ExitCode == 0, result.CombinedOutput);

    private static List<string> EntryNames(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>Each dependency group's target framework with its dependencies (id, version range).</summary>
    private static Dictionary<string, List<(string Id, string Version)>> DependencyGroups(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var stream = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XElement.Load(stream).Descendants().Where(e => e.Name.LocalName == "group")
            .ToDictionary(
                g => (string)g.Attribute("targetFramework")!,
                g => g.Elements().Where(d => d.Name.LocalName == "dependency").Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!)).ToList());
    }
}
