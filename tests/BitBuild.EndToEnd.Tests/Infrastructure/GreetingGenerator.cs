namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The source of a small incremental source generator that adds <c>Generated.Greeting.Text</c>: what the fixtures build
/// as a generator project (referencing Microsoft.CodeAnalysis.CSharp 4.8.0). Its text shows which build of it ran.
/// </summary>
public static class GreetingGenerator
{
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
