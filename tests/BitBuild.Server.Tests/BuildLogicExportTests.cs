using BitBuild.Engine.Processes;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>
/// A component whose package carries build logic the way toolkit libraries ship it: <c>build/{id}.targets</c> importing
/// <c>buildTransitive/{id}.targets</c>, which imports a feature-switch file next to it. NuGet imports those only when
/// they are named after the package's id, and the component's package gets other ids (local at tag, the scope's at
/// export). Tagged under warnings as errors (NU5129 would fail it), exported to a folder scope and to the scope server,
/// consumed from each: the consumer's build runs the package's target and its runtimeconfig carries the switch.
/// </summary>
[Collection(DotNetCliCollection.Name)]
public sealed class BuildLogicExportTests
{
    private const string Scope = "acme.libs";

    [Fact]
    public async Task Build_and_buildTransitive_targets_named_after_the_repository_id_work_for_consumers_of_every_scope()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        var key = server.CreateKey(Scope, KeyRights.Write);
        using var sandbox = new NuGetSandbox();
        var workspace = sandbox.Combine("ws");
        WriteToolkit(workspace);
        ProcessRunner.Run("git", ["init", "-q", "."], workspace);

        ProcessResult Bit(params string[] arguments)
        {
            var result = sandbox.DotNet(workspace, [ServerProcess.ToolDll, .. arguments]);
            Assert.True(result.ExitCode == 0, $"dotnet bit {string.Join(' ', arguments)}:\n{result.CombinedOutput}");
            return result;
        }

        Bit("init", "--default-scope", Scope);
        Bit("add", "src/Toolkit");
        var tag = Bit("tag", "-m", "with build logic");
        Assert.DoesNotContain("NU5129", tag.CombinedOutput);
        Directory.CreateDirectory(Path.Combine(workspace, "feeds"));
        Bit("remote", "add", "acme.folder", "feeds/folder");
        Bit("export", "acme.folder", "toolkit");
        Bit("remote", "add", Scope, server.Feed(Scope));
        Bit("export", Scope, "toolkit", "--api-key", key);

        foreach (var (scope, source) in new[] { ("acme.folder", Path.Combine(workspace, "feeds", "folder")), (Scope, server.Feed(Scope)) })
        {
            sandbox.WriteConfig([(scope, source)]);
            var app = sandbox.Combine("app-" + scope);
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "App.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                System.AppContext.TryGetSwitch("Acme.Toolkit.Greeting", out var on);
                System.Console.WriteLine($"greeting switch: {on}");
                """);
            Expect(sandbox.DotNet(app, "add", "package", $"{scope}.toolkit", "--version", "0.0.1"));
            var build = Expect(sandbox.DotNet(app, "build", "-nologo"));
            Assert.Contains("acme toolkit flavor: vanilla", build.StandardOutput);
            Assert.Contains("\"Acme.Toolkit.Greeting\": true", File.ReadAllText(Path.Combine(app, "bin", "Debug", "net10.0", "App.runtimeconfig.json")));
            Assert.Contains("greeting switch: True", Expect(sandbox.DotNet(app, "run", "--no-build")).StandardOutput);
        }
    }

    private static void WriteToolkit(string workspace)
    {
        void Write(string relative, string text)
        {
            var path = Path.Combine(workspace, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        Write("src/Toolkit/Toolkit.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>Acme.Toolkit</PackageId>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <None Include="Package/build/**" Pack="true" PackagePath="build" />
                <None Include="Package/buildTransitive/**" Pack="true" PackagePath="buildTransitive" />
              </ItemGroup>
            </Project>
            """);
        Write("src/Toolkit/Marker.cs", "namespace Acme.Toolkit;\npublic static class Marker { }\n");
        Write("src/Toolkit/Package/build/Acme.Toolkit.targets", """
            <Project>
              <Import Project="$(MSBuildThisFileDirectory)../buildTransitive/Acme.Toolkit.targets" />
            </Project>
            """);
        Write("src/Toolkit/Package/buildTransitive/Acme.Toolkit.targets", """
            <Project>
              <PropertyGroup><AcmeToolkitFlavor Condition="'$(AcmeToolkitFlavor)' == ''">vanilla</AcmeToolkitFlavor></PropertyGroup>
              <Import Project="$(MSBuildThisFileDirectory)Acme.Toolkit.FeatureSwitches.targets" />
              <Target Name="AcmeToolkitPrintFlavor" AfterTargets="Build">
                <Message Importance="high" Text="acme toolkit flavor: $(AcmeToolkitFlavor)" />
              </Target>
            </Project>
            """);
        Write("src/Toolkit/Package/buildTransitive/Acme.Toolkit.FeatureSwitches.targets", """
            <Project>
              <ItemGroup>
                <RuntimeHostConfigurationOption Include="Acme.Toolkit.Greeting" Value="true" Trim="true" />
              </ItemGroup>
            </Project>
            """);
    }

    private static ProcessResult Expect(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
