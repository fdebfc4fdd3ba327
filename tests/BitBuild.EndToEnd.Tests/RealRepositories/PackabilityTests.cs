using System.IO.Compression;
using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.RealRepositories;

/// <summary>
/// Projects Pack cannot (or should not) make a package of are reported before anything is built, naming the component,
/// the project and the cause: IsPackable false (from the repository or the SDK's default for web projects), a project
/// that is not SDK-style, a packed file that the repository's build script has not generated yet. Each time nothing is
/// built and nothing tagged, and the fix the message names makes the tag work.
/// </summary>
public sealed class PackabilityTests
{
    [Fact]
    public void A_project_the_repository_marks_not_packable_is_reported_before_the_build_and_tags_once_packable_while_tagging()
    {
        using var ws = Workspace("not-packable", "Core");
        var props = ws.Read("Directory.Build.props");
        ws.Write("Directory.Build.props", props.Replace("</Project>", "  <PropertyGroup><IsPackable>false</IsPackable></PropertyGroup>\n</Project>", StringComparison.Ordinal));
        var bitmap = ws.Read(".bitmap");

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2012: core: src/core/Core.csproj is not packable: IsPackable is false, set in Directory.Build.props", tag.StandardError);
        Assert.Contains("Condition=\"'$(BitTagging)' == 'true'\"", tag.StandardError);
        Assert.Equal(bitmap, ws.Read(".bitmap"));
        Assert.False(Directory.Exists(ws.PathOf("src/core/bin")), "core was built although it cannot be packed");

        ws.Write("Directory.Build.props", props.Replace("</Project>", "  <PropertyGroup><IsPackable>false</IsPackable></PropertyGroup>\n" +
            "  <PropertyGroup Condition=\"'$(BitTagging)' == 'true'\"><IsPackable>true</IsPackable></PropertyGroup>\n</Project>", StringComparison.Ordinal));
        var retry = BitCli.Bit(ws.Root, "tag", "-m", "first");
        Assert.True(retry.ExitCode == 0, retry.CombinedOutput);
        Assert.True(File.Exists(ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg")), retry.CombinedOutput);
    }

    [Fact]
    public void A_web_project_is_not_packable_by_the_sdks_default_and_says_so()
    {
        using var ws = Workspace("web-not-packable", "Site");
        ws.Write("src/site/Site.csproj", ws.Read("src/site/Site.csproj").Replace("Sdk=\"Microsoft.NET.Sdk\"", "Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal));

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2012: site: src/site/Site.csproj is not packable: IsPackable is false, the .NET SDK's default for this kind of project", tag.StandardError);
        Assert.DoesNotContain("   at ", tag.StandardError);
    }

    [Fact]
    public void A_project_that_is_not_sdk_style_is_reported_before_the_build()
    {
        using var ws = Workspace("not-sdk-style", "Legacy");
        ws.Write("src/legacy/Legacy.csproj", """
            <?xml version="1.0" encoding="utf-8"?>
            <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <OutputType>Library</OutputType>
                <AssemblyName>Legacy</AssemblyName>
                <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="Legacy.cs" />
              </ItemGroup>
              <Import Project="$(MSBuildToolsPath)\Microsoft.CSharp.targets" />
            </Project>
            """);

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2013: legacy: src/legacy/Legacy.csproj is not an SDK-style project", tag.StandardError);
        Assert.False(Directory.Exists(ws.PathOf("src/legacy/bin")), "legacy was built although tag cannot pack it");
    }

    [Fact]
    public void A_packed_file_the_build_script_generates_is_named_before_the_build_and_packed_once_it_exists()
    {
        using var ws = Workspace("generated-pack-input", "Core");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace(
            "</Project>", "  <ItemGroup><None Include=\"../../artifacts/NOTICE.txt\" Pack=\"true\" PackagePath=\"\" /></ItemGroup>\n</Project>", StringComparison.Ordinal));
        var bitmap = ws.Read(".bitmap");

        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");

        Assert.True(tag.ExitCode == 1, tag.CombinedOutput);
        Assert.Contains("error BIT2014: core: src/core/Core.csproj packs artifacts/NOTICE.txt (None or Content items with Pack=\"true\"), which does not exist", tag.StandardError);
        Assert.Contains("build script", tag.StandardError);
        Assert.Equal(bitmap, ws.Read(".bitmap"));
        Assert.False(Directory.Exists(ws.PathOf("src/core/bin")), "core was built although a packed file is missing");

        ws.Write("artifacts/NOTICE.txt", "generated notice\n");
        var retry = BitCli.Bit(ws.Root, "tag", "-m", "first");
        Assert.True(retry.ExitCode == 0, retry.CombinedOutput);
        using var package = ZipFile.OpenRead(ws.PathOf(".bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg"));
        Assert.Contains(package.Entries, e => e.FullName == "NOTICE.txt");
    }

    /// <summary>
    /// A packed file the build script generates inside the component's folder is git-ignored, so it is not part of the
    /// component's hash and a fresh clone does not have it. Export there would rebuild the package; its dry run already
    /// says the file is missing (BIT2014), before anything is built or sent.
    /// </summary>
    [Fact]
    public void A_fresh_clone_without_a_generated_packed_file_is_told_so_by_the_export_dry_run()
    {
        using var ws = Workspace("generated-in-clone", "Core");
        ws.Write("src/core/Core.csproj", ws.Read("src/core/Core.csproj").Replace(
            "</Project>", "  <ItemGroup><None Include=\"generated/NOTICE.txt\" Pack=\"true\" PackagePath=\"\" /></ItemGroup>\n</Project>", StringComparison.Ordinal));
        ws.Write("src/core/generated/NOTICE.txt", "generated notice\n");
        File.AppendAllText(ws.PathOf(".gitignore"), "bin/\nobj/\ngenerated/\nfeeds/\n");
        Directory.CreateDirectory(ws.PathOf("feeds"));
        Assert.Equal(0, BitCli.Bit(ws.Root, "remote", "add", "team.packable", "feeds/packable").ExitCode);
        ws.GitInit();
        var tag = BitCli.Bit(ws.Root, "tag", "-m", "first");
        Assert.True(tag.ExitCode == 0, tag.CombinedOutput);
        ws.Git("add", "-A");
        ws.Git("commit", "-q", "-m", "tagged");
        using var ci = new TempWorkspace("generated-ci");
        var clone = ci.PathOf("clone");
        ci.Git("clone", "-q", ws.Root, clone);
        Directory.CreateDirectory(Path.Combine(clone, "feeds"));

        var dryRun = BitCli.Bit(clone, "export", "--dry-run");

        Assert.True(dryRun.ExitCode == 1, dryRun.CombinedOutput);
        Assert.Contains("error BIT2014: core: src/core/Core.csproj packs src/core/generated/NOTICE.txt", dryRun.StandardError);
        Assert.Contains("nothing was built or sent by export", dryRun.StandardError);
        Assert.DoesNotContain("   at ", dryRun.StandardError);
        Assert.False(Directory.Exists(Path.Combine(clone, "src/core/bin")), "nothing was built");
        Assert.False(Directory.Exists(Path.Combine(clone, "feeds/packable")), "nothing was sent");
    }

    /// <summary>A workspace with one component, src/{lowercase name}, of the given project name.</summary>
    private static TempWorkspace Workspace(string name, string project)
    {
        var ws = new TempWorkspace(name);
        var folder = "src/" + project.ToLowerInvariant();
        ws.AddLibrary(folder, project, $"namespace {project};\npublic static class Code {{ public static int Value => 1; }}\n");
        var init = BitCli.Bit(ws.Root, "init", "--default-scope", "team.packable");
        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        var add = BitCli.Bit(ws.Root, "add", folder);
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        return ws;
    }
}
