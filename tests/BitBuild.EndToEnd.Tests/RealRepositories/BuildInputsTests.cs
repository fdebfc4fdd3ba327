using System.IO.Compression;
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
        Assert.Contains("\"status\": \"modified\"", Expect(BitCli.Bit(ws.Root, "list", "--json")).StandardOutput);
        Assert.Contains("modified:      shared/Guard.cs", Expect(BitCli.Bit(ws.Root, "show", "core")).StandardOutput);
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

    /// <summary>
    /// The build inputs from outside the folder travel in the package (bit/workspace/, listed in bit/component.json), so
    /// export proves them as it proves bit/src/: a tampered one is BIT3007; and a fresh clone whose shared file differs from
    /// the tagged one cannot rebuild that version (BIT3008 naming the file), where it could before and shipped other code.
    /// </summary>
    [Fact]
    public void Outside_inputs_travel_in_the_package_and_export_checks_them()
    {
        using var ws = new TempWorkspace("build-inputs-travel");
        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => value; }\n");
        ws.Write("Directory.Build.targets", "<Project><PropertyGroup><Authors>Team</Authors></PropertyGroup></Project>\n");
        ws.AddLibrary("src/core", "Core", "namespace Core;\npublic static class Answer { public static int Value => Shared.Guard.Checked(42); }\n");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace("</Project>", """
              <ItemGroup><Compile Include="../../shared/**/*.cs" /></ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "team.travel"));
        Expect(BitCli.Bit(ws.Root, "add", "src/core"));
        Expect(BitCli.Bit(ws.Root, "tag", "-m", "first"));
        var local = ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg");
        using (var zip = ZipFile.OpenRead(local))
        {
            Assert.Equal(ws.Read("shared/Guard.cs"), ReadEntry(zip, "bit/workspace/shared/Guard.cs"));
            Assert.Equal(ws.Read("Directory.Build.targets"), ReadEntry(zip, "bit/workspace/Directory.Build.targets"));
            Assert.Contains("\"shared/Guard.cs\": \"sha256:", ReadEntry(zip, "bit/component.json"));
        }

        Directory.CreateDirectory(ws.PathOf("feeds"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "team.first", "feeds/first"));
        var pristine = File.ReadAllBytes(local);
        using (var zip = ZipFile.Open(local, ZipArchiveMode.Update))
        {
            zip.GetEntry("bit/workspace/shared/Guard.cs")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("bit/workspace/shared/Guard.cs").Open());
            writer.Write("// tampered\n");
        }

        var tampered = BitCli.Bit(ws.Root, "export", "team.first");
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("error BIT3007", tampered.StandardError);
        Assert.Contains("shared/Guard.cs", tampered.StandardError);
        File.WriteAllBytes(local, pristine);
        Expect(BitCli.Bit(ws.Root, "export", "team.first"));
        Assert.True(File.Exists(ws.PathOf("feeds/first/team.first.core/0.0.1/team.first.core.0.0.1.nupkg")));

        // A fresh clone (no .bit/packages) where the shared file is not what was tagged.
        Directory.Delete(ws.PathOf(".bit/packages"), recursive: true);
        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => -value; }\n");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "team.second", "feeds/second"));
        var refused = BitCli.Bit(ws.Root, "export", "team.second", "core");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error BIT3008", refused.StandardError);
        Assert.Contains("shared/Guard.cs", refused.StandardError);
        Assert.False(Directory.Exists(ws.PathOf("feeds/second/team.second.core")));

        ws.Write("shared/Guard.cs", "namespace Shared;\npublic static class Guard { public static int Checked(int value) => value; }\n");
        Assert.Contains("rebuilding 1 local package", Expect(BitCli.Bit(ws.Root, "export", "team.second", "core")).StandardOutput);
        Assert.True(File.Exists(ws.PathOf("feeds/second/team.second.core/0.0.1/team.second.core.0.0.1.nupkg")));
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is not in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static Engine.Processes.ProcessResult Expect(Engine.Processes.ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.CombinedOutput);
        return result;
    }
}
