using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// What a component's build reads from outside its folder counts as much as its own files: a shared source file the
/// project compiles (<c>&lt;Compile Include="../../shared/**/*.cs" /&gt;</c>) and the version central package management
/// gives a package it references (Directory.Packages.props). Changing either makes the component modified, status says
/// what changed, and tag makes a new version; a component that reads neither stays up to date.
/// </summary>
public sealed class BuildInputsTests
{
    [Fact]
    public void A_shared_source_file_and_a_central_package_version_make_the_component_modified_and_tag_a_new_version()
    {
        using var ws = new TempWorkspace("build-inputs");
        ws.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => value; }\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => Shared.Guard.Checked(42); }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup>
                <Compile Include="../../shared/**/*.cs" />
                <PackageReference Include="Newtonsoft.Json" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        ws.AddLibrary("src/other", "Other", "namespace Other;\npublic static class Nothing { }\n");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.inputs"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core", "src/other"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.Contains("\"shared/Guard.cs\": \"sha256:", ws.Read(".bitmap"));
        Assert.Contains("\"package:Newtonsoft.Json\": \"13.0.3\"", ws.Read(".bitmap"));
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);

        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => value < 0 ? 0 : value; }\n");
        var afterSharedEdit = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("core (last tagged 0.0.1", afterSharedEdit);
        Assert.Contains("modified: shared/Guard.cs", afterSharedEdit);
        Assert.Contains("other 0.0.1", afterSharedEdit);
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "guard"));
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.2/bitlocal.core.0.0.2.nupkg")));
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages/other/0.0.2")), "other reads nothing that changed");

        ws.Write("Directory.Packages.props", ws.Read("Directory.Packages.props").Replace("13.0.3", "13.0.4", StringComparison.Ordinal));
        var afterBump = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("modified: Directory.Packages.props (Newtonsoft.Json 13.0.3 → 13.0.4)", afterBump);
        Assert.Contains("\"changedInputs\"", Expect(BitCli.Bit(ws.Root, "status", "--json")).StandardOutput);
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "bump"));
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.3/bitlocal.core.0.0.3.nupkg")));
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);
    }

    [Fact]
    public void An_imported_msbuild_file_makes_the_components_that_import_it_modified_and_only_those()
    {
        using var ws = new TempWorkspace("build-imports");
        ws.Write("src/Directory.Build.props", """
            <Project>
              <Import Project="../Directory.Build.props" />
              <Import Project="../eng/Common.props" />
            </Project>
            """);
        ws.Write("eng/Common.props", "<Project><PropertyGroup><Authors>Team</Authors></PropertyGroup></Project>\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => 42; }\n");
        ws.AddLibrary("tools/other", "Other", "namespace Other;\npublic static class Nothing { }\n");
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.imports"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core", "tools/other"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.Contains("\"eng/Common.props\": \"sha256:", ws.Read(".bitmap"));
        Assert.DoesNotContain("BitWorkspace.props", ws.Read(".bitmap"));
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);

        ws.Write("eng/Common.props", "<Project><PropertyGroup><Authors>Another team</Authors></PropertyGroup></Project>\n");
        var afterPropsEdit = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("modified: eng/Common.props", afterPropsEdit);
        Assert.Contains("other 0.0.1", afterPropsEdit);
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "authors"));
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.2/bitlocal.core.0.0.2.nupkg")));
        Assert.False(Directory.Exists(ws.PathOf(".bit/packages/tools.other/0.0.2")), "tools/other does not import src/Directory.Build.props");

        ws.Write("Directory.Build.targets", "<Project><PropertyGroup><Description>Shared</Description></PropertyGroup></Project>\n");
        var afterTargetsEdit = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("core (last tagged 0.0.2", afterTargetsEdit);
        Assert.Contains("other (last tagged 0.0.1", afterTargetsEdit);
        Assert.Contains("modified: Directory.Build.targets", afterTargetsEdit);
        var tagged = Expect(BitCli.Bit(ws.Root, "tag", "-m", "description")).StandardOutput;
        Assert.True(File.Exists(ws.PathOf(".bit/packages/tools.other/0.0.2/bitlocal.tools.other.0.0.2.nupkg")), tagged);
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);
    }

    /// <summary>
    /// Status keeps what it learnt from MSBuild in .bit/cache; a file that a glob outside the component's folder newly
    /// matches, or a project file edited to read one more package, is not known to that cache and must still be seen.
    /// </summary>
    [Fact]
    public void A_status_after_a_cached_status_sees_a_newly_globbed_file_and_an_edited_project()
    {
        using var ws = new TempWorkspace("build-inputs-cache");
        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => value; }\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => Shared.Guard.Checked(42); }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup><Compile Include="../../shared/**/*.cs" /></ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.cache"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);
        Assert.True(File.Exists(ws.PathOf(".bit/cache/descriptions.json")), "status keeps what MSBuild described");

        ws.Write("shared/deeper/Extra.cs", "namespace Shared;\npublic static class Extra { }\n");
        var afterNewFile = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("modified: shared/deeper/Extra.cs (new)", afterNewFile);

        File.Delete(ws.PathOf("shared/deeper/Extra.cs"));
        Assert.DoesNotContain("modified", Expect(BitCli.Bit(ws.Root, "status")).StandardOutput);

        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        var afterProjectEdit = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("core (last tagged 0.0.1", afterProjectEdit);
        Assert.Contains("Newtonsoft.Json", afterProjectEdit);
    }

    private static Engine.Processes.ProcessResult Expect(Engine.Processes.ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
