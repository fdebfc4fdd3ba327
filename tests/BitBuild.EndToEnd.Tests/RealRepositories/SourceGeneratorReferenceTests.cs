using System.IO.Compression;
using System.Xml.Linq;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// A source generator referenced as a project (<c>OutputItemType="Analyzer" ReferenceOutputAssembly="false"</c>), as
/// repositories do: it is no component and no dependency (NuGet's own Pack does not make it one either), the code it
/// generates is in the component's assembly, and the exported package works for a consumer. The generator's sources
/// count as the component's build inputs: changing them makes the component modified.
/// </summary>
public sealed class SourceGeneratorReferenceTests
{
    [Fact]
    public void A_generator_referenced_as_an_analyzer_is_no_dependency_and_its_changes_make_the_component_modified()
    {
        using var ws = new TempWorkspace("generator");
        ws.Write("src/Generators/Generators.csproj", GreetingGenerator.ProjectFile);
        ws.Write("src/Generators/GreetingGenerator.cs", GreetingGenerator.Source("Generators", "generated hello"));
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static string Text => Generated.Greeting.Text; }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup>
                <ProjectReference Include="../Generators/Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.gen"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.Contains("\"build-reference:src/Generators/Generators.csproj\": \"sha256:", ws.Read(".bitmap"));

        var scope = "team.g" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/gen"));
        Expect(BitCli.Bit(ws.Root, "export", scope));
        var exported = ws.PathOf($"feeds/gen/{scope}.core/0.0.1/{scope}.core.0.0.1.nupkg");
        Assert.Empty(Dependencies(exported));

        // What the repository's own pack of the project makes of the reference: no dependency either.
        Expect(BitCli.DotNet(ws.PathOf("src/core"), "pack", "-o", ws.PathOf("own"), "-nologo"));
        Assert.Empty(Dependencies(Directory.GetFiles(ws.PathOf("own"), "*.nupkg").Single()));

        Assert.Contains("generated hello", PackageConsumer.Run(scope, ws.PathOf("feeds/gen"), $"{scope}.core", "0.0.1", "System.Console.WriteLine(Core.Answer.Text);\n").Output);

        ws.Write("src/Generators/GreetingGenerator.cs", GreetingGenerator.Source("Generators", "generated hello, again"));
        var status = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("modified: src/Generators/Generators.csproj (build-only reference: its sources changed)", status);
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "greeting"));
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.2/bitlocal.core.0.0.2.nupkg")));
    }

    /// <summary>
    /// The generator declared as a component itself, packed the way generator packages are (its assembly under
    /// analyzers/dotnet/cs, no lib): it is tagged and exported like any other component, with nothing forced on it, its
    /// package is what the repository's own pack makes, and a consumer that adds it gets the generated code; the component
    /// that references it to build still has no dependency on it.
    /// </summary>
    [Fact]
    public void A_generator_declared_as_a_component_is_exported_as_the_repository_packs_it()
    {
        using var ws = new TempWorkspace("generator-component");
        ws.Write("src/Generators/Generators.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <DevelopmentDependency>true</DevelopmentDependency>
                <SuppressDependenciesWhenPacking>true</SuppressDependenciesWhenPacking>
                <NoWarn>$(NoWarn);NU5128</NoWarn><!-- NU5128: an analyzer package has no lib/ on purpose -->
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" />
                <None Include="$(OutputPath)$(AssemblyName).dll" Pack="true" PackagePath="analyzers/dotnet/cs" Visible="false" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("src/Generators/GreetingGenerator.cs", GreetingGenerator.Source("Generators", "generated by the package"));
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static string Text => Generated.Greeting.Text; }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup>
                <ProjectReference Include="../Generators/Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.gencomp"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core", "src/Generators"));
        var tagged = Expect(BitCli.Bit(ws.Root, "tag", "-m", "first")).StandardOutput;
        Assert.Contains("2 components were tagged", tagged);
        using (var bitmap = System.Text.Json.JsonDocument.Parse(ws.Read(".bitmap")))
        {
            var dependencies = bitmap.RootElement.GetProperty("components").GetProperty("core").GetProperty("versions")[0].GetProperty("dependencies");
            Assert.Empty(dependencies.EnumerateObject());
        }


        var scope = "team.c" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/gen"));
        Expect(BitCli.Bit(ws.Root, "export", scope));
        Assert.Empty(Dependencies(ws.PathOf($"feeds/gen/{scope}.core/0.0.1/{scope}.core.0.0.1.nupkg")));
        var generatorPackage = ws.PathOf($"feeds/gen/{scope}.generators/0.0.1/{scope}.generators.0.0.1.nupkg");

        Expect(BitCli.DotNet(ws.PathOf("src/Generators"), "pack", "-o", ws.PathOf("own"), "-nologo", "-p:Version=0.0.1"));
        var own = PackageContents.Read(ws.PathOf("own/Generators.0.0.1.nupkg"), _ => false);
        var exported = PackageContents.Read(generatorPackage, _ => false);
        PackageContents.AssertSame(own, exported);
        Assert.Contains("analyzers/dotnet/cs/Generators.dll", exported.Files);
        Assert.DoesNotContain(exported.Files, f => f.StartsWith("lib/", StringComparison.Ordinal));

        var run = PackageConsumer.Run(scope, ws.PathOf("feeds/gen"), $"{scope}.generators", "0.0.1", "System.Console.WriteLine(Generated.Greeting.Text);\n");
        Assert.Contains("generated by the package", run.Output);
    }

    private static List<string> Dependencies(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
