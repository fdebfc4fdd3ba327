using static BitBuild.EndToEnd.Tests.Eject.EjectWorkspace;

namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>The seed's "Ejecting components" examples: the components leave the workspace and the app runs from their packages.</summary>
[Collection(EjectCollection.Name)]
public sealed class EjectSeedExamplesTests(EjectFixture fixture)
{
    [Fact]
    public void Export_with_eject_replaces_the_components_by_their_packages_and_the_app_runs_from_them()
    {
        using var ws = fixture.Copy("movie-app");
        ws.AddScope("bit.movie-app");
        ws.Write("Workspace.slnx", """
            <Solution>
              <Folder Name="/src/">
                <Project Path="src/app/App.csproj" />
                <Project Path="src/hello/app-kit/Hello.AppKit.csproj" />
                <Project Path="src/hello/world/Hello.World.csproj" />
                <Project Path="src/utils/string/Utils.String.csproj" />
              </Folder>
            </Solution>

            """);

        var export = Expect(ws.Bit("export", "bit.movie-app", "--eject"));

        Assert.Contains("2 components were exported to scope bit.movie-app", export.StandardOutput);
        Assert.Contains("component hello/world was ejected: src/app/App.csproj, src/hello/app-kit/Hello.AppKit.csproj now reference bit.movie-app.hello.world 0.0.1", export.StandardOutput);
        Assert.Contains("component utils/string was ejected", export.StandardOutput);
        Assert.False(Directory.Exists(ws.PathOf("src/hello/world")));
        Assert.False(Directory.Exists(ws.PathOf("src/utils")));
        Assert.Contains("""<PackageReference Include="bit.movie-app.hello.world" Version="0.0.1" />""", ws.Read("src/app/App.csproj"));
        Assert.DoesNotContain("Hello.World.csproj", ws.Read("Workspace.slnx"));
        Assert.DoesNotContain("Utils.String.csproj", ws.Read("Workspace.slnx"));
        Assert.DoesNotContain("BitComponent Include", ws.Read("BitWorkspace.props"));
        Assert.DoesNotContain("hello/world", ws.Read(".bitmap"));
        Assert.Contains($"<add key=\"bit.movie-app\" value=\"{ws.ScopeFolder("bit.movie-app")}\" />", ws.Read("NuGet.Config"));

        Expect(ws.DotNet("build", "Workspace.slnx", "-nologo"));
        var run = Expect(ws.DotNet("run", "--project", "src/app", "--no-build"));
        Assert.Equal(EjectFixture.AppOutput, run.StandardOutput.Trim());
        Assert.True(File.Exists(Path.Combine(ws.Packages, "bit.movie-app.hello.world", "0.0.1", "bit.movie-app.hello.world.0.0.1.nupkg")), "the app uses the package from the scope");
    }

    [Fact]
    public void Eject_of_an_exported_component_respects_central_package_management_source_mapping_and_the_sln()
    {
        using var ws = fixture.Copy("hello-world");
        ws.AddScope("user.my-collection");
        Expect(ws.Bit("export"));
        ws.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>

            """);
        ws.Write("NuGet.Config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>

            """);
        ws.Write("Workspace.sln", Sln("src/app/App.csproj", "src/hello/app-kit/Hello.AppKit.csproj", "src/hello/world/Hello.World.csproj", "src/utils/string/Utils.String.csproj"));

        var dryRunBefore = ws.Files();
        var dryRun = Expect(ws.Bit("eject", "hello/world", "--dry-run"));
        Assert.Contains("src/app/App.csproj: ProjectReference to hello/world -> PackageReference user.my-collection.hello.world 0.0.1 (version in Directory.Packages.props)", dryRun.StandardOutput);
        Assert.Contains("change   Directory.Packages.props", dryRun.StandardOutput);
        Assert.Contains("change   Workspace.sln", dryRun.StandardOutput);
        ws.AssertUnchanged(dryRunBefore);

        var eject = Expect(ws.Bit("eject", "hello/world"));

        Assert.Contains("component hello/world was ejected: src/app/App.csproj, src/hello/app-kit/Hello.AppKit.csproj now reference user.my-collection.hello.world 0.0.1", eject.StandardOutput);
        Assert.False(Directory.Exists(ws.PathOf("src/hello/world")));
        Assert.True(Directory.Exists(ws.PathOf("src/utils/string")), "only the named component is ejected");
        Assert.Contains("""<PackageReference Include="user.my-collection.hello.world" />""", ws.Read("src/app/App.csproj"));
        Assert.Contains("""<PackageVersion Include="user.my-collection.hello.world" Version="0.0.1" />""", ws.Read("Directory.Packages.props"));
        Assert.Contains("""<package pattern="user.my-collection.*" />""", ws.Read("NuGet.Config"));
        Assert.DoesNotContain("Hello.World.csproj", ws.Read("Workspace.sln"));

        Expect(ws.DotNet("build", "Workspace.sln", "-nologo"));
        var run = Expect(ws.DotNet("run", "--project", "src/app", "--no-build"));
        Assert.Equal(EjectFixture.AppOutput, run.StandardOutput.Trim());
    }

    /// <summary>A classic .sln as 'dotnet new sln' + 'dotnet sln add' write it (written directly: two dotnet runs saved).</summary>
    private static string Sln(params string[] projects)
    {
        var ids = projects.Select((_, i) => $"{{6E0C5A4B-0000-4000-8000-{i:D12}}}").ToList();
        var entries = string.Concat(projects.Select((p, i) =>
            $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{Path.GetFileNameWithoutExtension(p)}\", \"{p.Replace('/', '\\')}\", \"{ids[i]}\"\r\nEndProject\r\n"));
        var configs = string.Concat(ids.Select(id =>
            $"\t\t{id}.Debug|Any CPU.ActiveCfg = Debug|Any CPU\r\n\t\t{id}.Debug|Any CPU.Build.0 = Debug|Any CPU\r\n\t\t{id}.Release|Any CPU.ActiveCfg = Release|Any CPU\r\n\t\t{id}.Release|Any CPU.Build.0 = Release|Any CPU\r\n"));
        return "\r\nMicrosoft Visual Studio Solution File, Format Version 12.00\r\n# Visual Studio Version 17\r\nVisualStudioVersion = 17.0.31903.59\r\nMinimumVisualStudioVersion = 10.0.40219.1\r\n" +
            entries +
            "Global\r\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\r\n\t\tDebug|Any CPU = Debug|Any CPU\r\n\t\tRelease|Any CPU = Release|Any CPU\r\n\tEndGlobalSection\r\n" +
            "\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\r\n" + configs + "\tEndGlobalSection\r\nEndGlobal\r\n";
    }
}
