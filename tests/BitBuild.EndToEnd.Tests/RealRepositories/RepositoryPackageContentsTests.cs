using System.Security.Cryptography;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// A repository that packs the way published libraries do: readme and icon packed from the repository root by its
/// Directory.Build.props, package metadata (authors, description, tags, license, project url), SourceLink's repository
/// url and commit, a strong-name key file, build/ and buildTransitive/ files, content files, a package dependency and a
/// component dependency. The exported package is compared with the repository's own <c>dotnet pack</c> of the same
/// project: files, dependencies per framework, nuspec metadata and assembly attributes are the same, apart from the id,
/// the version and the component dependencies; and a consumer gets a working, strong-named assembly and the content file.
/// </summary>
public sealed class RepositoryPackageContentsTests
{
    // A 1×1 PNG: NuGet checks that a package icon is an image.
    private const string IconPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    [Fact]
    public void The_exported_package_has_what_the_repositorys_own_pack_puts_in_apart_from_id_version_and_component_dependencies()
    {
        using var ws = new TempWorkspace("repo-pack");
        ws.Write("README.md", "# Acme Core\n\nThe answer, packaged.\n");
        Directory.CreateDirectory(ws.PathOf("assets"));
        Directory.CreateDirectory(ws.PathOf("eng"));
        File.WriteAllBytes(ws.PathOf("assets/icon.png"), Convert.FromBase64String(IconPng));
        using (var rsa = new RSACryptoServiceProvider(1024))
        {
            // A strong-name key file (.snk) is a CryptoAPI private key blob.
            File.WriteAllBytes(ws.PathOf("eng/key.snk"), rsa.ExportCspBlob(includePrivateParameters: true));
        }

        ws.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <Version>0.0.1</Version>
                <Authors>Acme Tools Team</Authors>
                <Company>Acme</Company>
                <Description>Shared building blocks of the Acme services.</Description>
                <PackageTags>acme;answers</PackageTags>
                <PackageProjectUrl>https://github.com/acme/core</PackageProjectUrl>
                <PackageLicenseExpression>MIT</PackageLicenseExpression>
                <PackageReadmeFile>README.md</PackageReadmeFile>
                <PackageIcon>icon.png</PackageIcon>
                <PublishRepositoryUrl>true</PublishRepositoryUrl>
                <SignAssembly>true</SignAssembly>
                <AssemblyOriginatorKeyFile>$(MSBuildThisFileDirectory)eng/key.snk</AssemblyOriginatorKeyFile>
              </PropertyGroup>
              <ItemGroup Condition="'$(IsPackable)' != 'false'">
                <None Include="$(MSBuildThisFileDirectory)README.md" Pack="true" PackagePath="/" Visible="false" />
                <None Include="$(MSBuildThisFileDirectory)assets/icon.png" Pack="true" PackagePath="/" Visible="false" />
              </ItemGroup>
            </Project>
            """);
        ws.AddLibrary("src/util", "Util", "namespace Util;\npublic static class Numbers { public static int Forty => 40; }\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => Util.Numbers.Forty + 2; public static string Json => Newtonsoft.Json.JsonConvert.SerializeObject(Value); }\n", "src/util/Util.csproj");
        ws.Write("src/core/build/Acme.Core.Settings.props", "<Project><PropertyGroup><AcmeCoreImported>true</AcmeCoreImported></PropertyGroup></Project>\n");
        ws.Write("src/core/content/acme.json", "{ \"answer\": 42 }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
                <None Include="build/Acme.Core.Settings.props" Pack="true" PackagePath="build/;buildTransitive/" />
                <Content Include="content/acme.json" Pack="true" PackagePath="contentFiles/any/any/acme.json" PackageCopyToOutput="true" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        ws.Write(".gitignore", "bin/\nobj/\n.bit/\nown/\nfeeds/\n");
        ws.GitInit();
        ws.Git("remote", "add", "origin", "https://github.com/acme/core.git");

        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.pack"));
        Expect(BitCli.Bit(ws.Root, "add", "src/util", "src/core"));
        ws.Git("add", "-A");
        ws.Git("commit", "-q", "-m", "declare components");
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        var scope = "team.p" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "feeds/pack"));
        Expect(BitCli.Bit(ws.Root, "export", scope));
        var exported = ws.PathOf($"feeds/pack/{scope}.core/0.0.1/{scope}.core.0.0.1.nupkg");

        Expect(BitCli.DotNet(ws.PathOf("src/core"), "pack", "-o", ws.PathOf("own"), "-nologo"));
        var own = ws.PathOf("own/Core.0.0.1.nupkg");
        var ownContents = PackageContents.Read(own, id => id == "Util");
        var exportedContents = PackageContents.Read(exported, id => id == $"{scope}.util");
        PackageContents.AssertSame(ownContents, exportedContents);

        // What the comparison covers is really there, so "the same" means something.
        Assert.Contains("README.md", exportedContents.Files);
        Assert.Contains("icon.png", exportedContents.Files);
        Assert.Contains("build/Acme.Core.Settings.props", exportedContents.Files);
        Assert.Contains("buildTransitive/Acme.Core.Settings.props", exportedContents.Files);
        Assert.Contains("contentFiles/any/any/acme.json", exportedContents.Files);
        Assert.Contains("https://github.com/acme/core", exportedContents.Metadata["repository"]);
        Assert.Matches("commit=[0-9a-f]{40}", exportedContents.Metadata["repository"]);
        Assert.Contains("Acme Tools Team", exportedContents.Metadata["authors"]);
        Assert.Contains(exportedContents.Dependencies, d => d.Contains("Newtonsoft.Json 13.0.3", StringComparison.Ordinal));
        Assert.Matches("token=[0-9a-f]{16} signed=True", exportedContents.Assemblies["lib/net10.0/Core.dll"]);
        Assert.Contains($"id=\"{scope}.util\" version=\"[0.0.1]\"", PackageConsumer.Nuspec(exported));

        var run = PackageConsumer.Run(scope, ws.PathOf("feeds/pack"), $"{scope}.core", "0.0.1",
            "System.Console.WriteLine(Core.Answer.Json + \" \" + typeof(Core.Answer).Assembly.GetName().GetPublicKeyToken()!.Length);\n");
        Assert.Contains("42 8", run.Output);
        Assert.Contains("acme.json", run.OutputFiles); // the content file reaches the consumer's output
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
