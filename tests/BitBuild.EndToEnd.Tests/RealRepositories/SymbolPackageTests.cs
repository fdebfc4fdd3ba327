using System.IO.Compression;
using System.Xml.Linq;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// A project that makes a symbol package (<c>IncludeSymbols</c>, <c>SymbolPackageFormat=snupkg</c>), as libraries
/// published to nuget.org do: tag keeps the .snupkg next to its package in the local scope (and progress counts one
/// package per component), export writes it next to the package under the scope's id, also when a fresh clone rebuilds
/// the package, and it holds what the repository's own pack puts in it.
/// </summary>
public sealed class SymbolPackageTests
{
    [Fact]
    public void A_symbol_package_is_kept_at_tag_and_exported_next_to_its_package()
    {
        using var ws = new TempWorkspace("symbols");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => 42; }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <PropertyGroup>
                <IncludeSymbols>true</IncludeSymbols>
                <SymbolPackageFormat>snupkg</SymbolPackageFormat>
              </PropertyGroup>
            </Project>
            """, StringComparison.Ordinal));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.symbols"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core"));
        var tagged = Expect(BitCli.Bit(ws.Root, "tag", "-m", "first")).CombinedOutput;
        Assert.DoesNotContain("[2/", tagged);
        Assert.DoesNotContain("snupkg", tagged);
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.snupkg")), tagged);

        var scope = "team.s" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/symbols"));
        var exported = Expect(BitCli.Bit(ws.Root, "export", scope)).StandardOutput;
        var symbols = ws.PathOf($"feeds/symbols/{scope}.core/0.0.1/{scope}.core.0.0.1.snupkg");
        Assert.True(File.Exists(symbols), exported);
        Assert.Equal($"{scope}.core", NuspecId(symbols));
        Assert.Contains("SymbolsPackage", PackageConsumer.Nuspec(symbols));

        // The repository's own pack makes the same symbol package, apart from the id and version.
        Expect(BitCli.DotNet(ws.PathOf("src/core"), "pack", "-o", ws.PathOf("own"), "-nologo"));
        var own = Directory.GetFiles(ws.PathOf("own"), "*.snupkg").Single();
        Assert.Equal(PayloadFiles(own), PayloadFiles(symbols));
        Assert.Contains("lib/net10.0/Core.pdb", PayloadFiles(symbols));

        // A fresh clone has no local packages: export rebuilds the package and its symbols, and sends both.
        Directory.Delete(ws.PathOf(".bit/packages"), recursive: true);
        var second = "team.t" + Guid.NewGuid().ToString("N")[..12];
        Expect(BitCli.Bit(ws.Root, "remote", "add", second, "feeds/second"));
        Assert.Contains("rebuilding 1 local package", Expect(BitCli.Bit(ws.Root, "export", second, "core")).StandardOutput);
        Assert.True(File.Exists(ws.PathOf($"feeds/second/{second}.core/0.0.1/{second}.core.0.0.1.snupkg")));

        var run = PackageConsumer.Run(scope, ws.PathOf("feeds/symbols"), $"{scope}.core", "0.0.1", "System.Console.WriteLine(Core.Answer.Value);\n");
        Assert.Contains("42", run.Output);
    }

    private static string NuspecId(string package) =>
        XDocument.Parse(PackageConsumer.Nuspec(package)).Descendants().First(e => e.Name.LocalName == "id").Value;

    /// <summary>The files a package carries, without the packaging parts whose names hold the id or a random name.</summary>
    private static List<string> PayloadFiles(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName)
            .Where(name => !name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal) && name != "_rels/.rels" && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
