using System.IO.Compression;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a consuming team does with an exported component: a new console project whose NuGet.Config names the scope,
/// <c>dotnet add package</c> of the component's package, <c>dotnet run</c>. Also reads a package's nuspec, as a user
/// opening the .nupkg would.
/// </summary>
public static class PackageConsumer
{
    /// <summary>Adds the package to a fresh console app running <paramref name="program"/>; returns what it printed and the files of its build output.</summary>
    public static ConsumerRun Run(string scope, string feedFolder, string packageId, string version, string program)
    {
        using var consumer = new TempWorkspace("consumer");
        consumer.WriteNuGetConfig((scope, feedFolder));
        consumer.Write("use/Use.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        consumer.Write("use/Program.cs", program);
        Expect(BitCli.DotNet(consumer.PathOf("use"), "add", "package", packageId, "--version", version));
        var output = Expect(BitCli.DotNet(consumer.PathOf("use"), "run", "-nologo")).StandardOutput;
        return new ConsumerRun(output, Directory.GetFiles(consumer.PathOf("use/bin/Debug/net10.0")).Select(Path.GetFileName).OfType<string>().ToList());
    }

    /// <summary>The text of the package's nuspec.</summary>
    public static string Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}

/// <summary>What a consumer's <c>dotnet run</c> printed, and the file names in its build output (content files land there).</summary>
public sealed record ConsumerRun(string Output, IReadOnlyList<string> OutputFiles);
