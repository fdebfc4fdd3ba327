using System.IO.Compression;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// A library whose package bundles a source generator built by a project of its own, the way toolkit libraries do: a
/// ProjectReference that only orders the build (<c>ReferenceOutputAssembly="false"</c>) and a pack item that takes the
/// generator's DLL from its <c>bin/$(Configuration)</c> into <c>analyzers/dotnet/cs/</c>. Tag must build the generator
/// in the component's configuration: from a clean tree (nothing in bin/Release yet) and after a change to the generator,
/// when an older bin/Release is there and must not end up in the package.
/// </summary>
public sealed class BundledGeneratorTests
{
    [Fact]
    public void The_bundled_generator_is_built_with_the_component_from_a_clean_tree_and_never_stale()
    {
        using var ws = new TempWorkspace("bundled-generator");
        WriteGenerator(ws, "first greeting");
        AddToolkit(ws, """<ProjectReference Include="../Generator/Generator.csproj" ReferenceOutputAssembly="false" />""", "../Generator/bin/$(Configuration)/netstandard2.0/Generator.dll");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.toolkit"));
        Expect(BitCli.Bit(ws.Root, "add", "src/toolkit"));
        Assert.False(Directory.Exists(ws.PathOf("src/Generator/bin")), "the tree starts clean");
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.Contains("first greeting", GeneratorText(ws.PathOf(".bit/packages/toolkit/0.0.1/bitlocal.toolkit.0.0.1.nupkg")));

        var scope = "team.k" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/toolkit"));
        Expect(BitCli.Bit(ws.Root, "export", scope));
        var run = PackageConsumer.Run(scope, ws.PathOf("feeds/toolkit"), $"{scope}.toolkit", "0.0.1", "System.Console.WriteLine(Generated.Greeting.Text);\n");
        Assert.Contains("first greeting", run.Output);

        // bin/Release of the generator now holds the first build; the change must be built, not the old DLL packed.
        Assert.True(File.Exists(ws.PathOf("src/Generator/bin/Release/netstandard2.0/Generator.dll")));
        AssertAChangedGeneratorIsPackedAgain(ws);
    }

    /// <summary>
    /// The same bundling without the ProjectReference, as some repositories write it: the pack item's path alone names the
    /// generator's project (the folder above its bin). Tag builds that project with the component, in its configuration;
    /// its sources are inputs of the component (status names a change) and travel in the package for a fresh clone.
    /// </summary>
    [Fact]
    public void A_project_whose_output_is_packed_by_path_is_built_with_the_component_and_its_sources_count()
    {
        using var ws = new TempWorkspace("packed-output");
        WriteGenerator(ws, "first greeting");
        AddToolkit(ws, "", "../Generator/bin/$(Configuration)/netstandard2.0/Generator.dll");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.packed"));
        Expect(BitCli.Bit(ws.Root, "add", "src/toolkit"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        var first = ws.PathOf(".bit/packages/toolkit/0.0.1/bitlocal.toolkit.0.0.1.nupkg");
        Assert.Contains("first greeting", GeneratorText(first));
        using (var zip = ZipFile.OpenRead(first))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "bit/workspace/src/Generator/GreetingGenerator.cs");
            Assert.Contains(zip.Entries, e => e.FullName == "bit/workspace/src/Generator/Generator.csproj");
        }

        AssertAChangedGeneratorIsPackedAgain(ws);
    }

    /// <summary>
    /// A packed DLL from a build output no project of the workspace writes (a build script's artifacts folder): nothing
    /// makes tag build it, so it is whatever an earlier build left there. Tag refuses it (BIT2015) instead of shipping it.
    /// </summary>
    [Fact]
    public void A_packed_output_that_this_build_did_not_write_is_BIT2015_and_nothing_is_tagged()
    {
        using var ws = new TempWorkspace("stale-generator");
        ws.Write("src/Generator/Generator.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><IsPackable>false</IsPackable></PropertyGroup>
            </Project>
            """);
        ws.Write("src/Generator/Old.cs", "namespace Generator { public static class Old { } }\n");
        AddToolkit(ws, "", "../../artifacts/bin/Generator/release/Generator.dll");
        Expect(BitCli.DotNet(ws.PathOf("src/Generator"), "build", "-c", "Release", "-nologo", "--artifacts-path", ws.PathOf("artifacts")));
        File.SetLastWriteTimeUtc(ws.PathOf("artifacts/bin/Generator/release/Generator.dll"), DateTime.UtcNow.AddHours(-1));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.stale"));
        Expect(BitCli.Bit(ws.Root, "add", "src/toolkit"));

        var refused = BitCli.Bit(ws.Root, "tag", "-m", "first");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error BIT2015", refused.StandardError);
        Assert.Contains("artifacts/bin/Generator/release/Generator.dll", refused.StandardError);
        Assert.DoesNotContain("   at ", refused.StandardError);
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages/toolkit")), "nothing was tagged");
        Assert.DoesNotContain("\"versions\"", File.Exists(ws.PathOf(".bitmap")) ? ws.Read(".bitmap") : "");
    }

    /// <summary>
    /// The component src/toolkit, whose package bundles the generator DLL at <paramref name="generatorDll"/> into
    /// analyzers/dotnet/cs/ (a pack item, as generator libraries write it), with <paramref name="reference"/> added.
    /// </summary>
    private static void AddToolkit(TempWorkspace ws, string reference, string generatorDll)
    {
        ws.AddLibrary("src/toolkit", "Toolkit", "namespace Toolkit;\npublic static class Marker { }\n");
        ws.Write("src/toolkit/Toolkit.csproj", ws.Read("src/toolkit/Toolkit.csproj").Replace("</Project>", $"""
              <ItemGroup>
                {reference}
                <None Include="{generatorDll}" Pack="true" PackagePath="analyzers/dotnet/cs" Visible="false" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
    }

    /// <summary>A change to the generator's source: status names it, and the next tag's package carries the new generator, not the old one.</summary>
    private static void AssertAChangedGeneratorIsPackedAgain(TempWorkspace ws)
    {
        ws.Write("src/Generator/GreetingGenerator.cs", GreetingGenerator.Source("Generator", "second greeting"));
        Assert.Contains("modified: src/Generator/Generator.csproj (build-only reference: its sources changed)", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "second"));
        var second = GeneratorText(ws.PathOf(".bit/packages/toolkit/0.0.2/bitlocal.toolkit.0.0.2.nupkg"));
        Assert.Contains("second greeting", second);
        Assert.DoesNotContain("first greeting", second);
    }

    /// <summary>A Roslyn source generator project in src/Generator whose generated code holds <paramref name="greeting"/>.</summary>
    private static void WriteGenerator(TempWorkspace ws, string greeting)
    {
        ws.Write("src/Generator/Generator.csproj", GreetingGenerator.ProjectFile);
        ws.Write("src/Generator/GreetingGenerator.cs", GreetingGenerator.Source("Generator", greeting));
    }

    /// <summary>The bundled generator DLL's strings (its generated source text is a literal in it), read as a user would with 'strings'.</summary>
    private static string GeneratorText(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.GetEntry("analyzers/dotnet/cs/Generator.dll");
        Assert.True(entry is not null, $"no bundled generator in {nupkg}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        // User strings in a .NET assembly are UTF-16.
        return System.Text.Encoding.Unicode.GetString(buffer.ToArray()) + System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
