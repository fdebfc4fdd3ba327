namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The source of a small incremental source generator that adds <c>Generated.Greeting.Text</c>: what the fixtures build
/// as a generator project (referencing Microsoft.CodeAnalysis.CSharp 4.8.0). Its text shows which build of it ran.
/// </summary>
public static class GreetingGenerator
{
    /// <summary>The generator's project file: netstandard2.0, Roslyn 4.8.0, not packable (it is no component).</summary>
    public const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.0</TargetFramework>
            <LangVersion>latest</LangVersion>
            <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    public static string Source(string generatorNamespace, string text) => $$"""
        using Microsoft.CodeAnalysis;

        namespace {{generatorNamespace}};

        [Generator]
        public sealed class GreetingGenerator : IIncrementalGenerator
        {
            public void Initialize(IncrementalGeneratorInitializationContext context) =>
                context.RegisterPostInitializationOutput(output => output.AddSource("Greeting.g.cs",
                    "namespace Generated { public static class Greeting { public static string Text => \"{{text}}\"; } }"));
        }
        """;
}
