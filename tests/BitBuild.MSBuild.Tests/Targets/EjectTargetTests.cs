using BitBuild.MSBuild.Tests.Infrastructure;

namespace BitBuild.MSBuild.Tests.Targets;

/// <summary>
/// Eject through MSBuild: BitExport with BitEject=true, and the BitEject target. Each test uses its own scope name because
/// the test run shares one NuGet package folder, so a package id must not be reused with other content.
/// </summary>
[Collection(PackageCollection.Name)]
public class EjectTargetTests
{
    [Fact]
    public void BitExport_with_BitEject_exports_then_replaces_the_components_by_their_packages()
    {
        const string scope = "team.eject-on-export";
        using var ws = new PackageWorkspace("ejectexport");
        ws.AddSampleComponents();
        ws.AddFolderRemote(scope, "scopes/eject-on-export");
        Assert.Equal(0, ws.Bit("tag").ExitCode);

        var run = ws.Build("app/Consumer/Consumer.csproj", "-t:BitExport", $"-p:BitExportScope={scope}", "-p:BitEject=true").ShouldSucceed();

        run.Check(run.Output.Contains($"3 components were exported to scope {scope}", StringComparison.Ordinal), "no export summary");
        Assert.False(Directory.Exists(ws.PathOf("src/hello/app-kit")), "the ejected component's folder is still there");
        var consumer = ws.Read("app/Consumer/Consumer.csproj");
        Assert.Contains($"<PackageReference Include=\"{scope}.hello.app-kit\" Version=\"0.0.1\" />", consumer);
        Assert.DoesNotContain("ProjectReference", consumer);

        // The application builds from the packages the scope now serves.
        ws.Build("app/Consumer/Consumer.csproj").ShouldSucceed();
        Assert.True(File.Exists(ws.PathOf("app/Consumer/obj/project.assets.json")));
        Assert.Contains($"{scope}.utils.string/0.0.1", ws.Read("app/Consumer/obj/project.assets.json"));
    }

    [Fact]
    public void BitEject_target_ejects_an_exported_component()
    {
        const string scope = "team.eject-target";
        using var ws = new PackageWorkspace("ejecttarget");
        ws.AddSampleComponents();
        ws.AddFolderRemote(scope, "scopes/eject-target");
        Assert.Equal(0, ws.Bit("tag").ExitCode);
        var export = ws.Bit("export", scope);
        Assert.True(export.ExitCode == 0, export.CombinedOutput);

        var run = ws.Build("app/Consumer/Consumer.csproj", "-t:BitEject", "-p:BitEjectIds=hello/app-kit").ShouldSucceed();

        run.Check(run.Output.Contains("component hello/app-kit was ejected", StringComparison.Ordinal), "no eject message");
        Assert.False(Directory.Exists(ws.PathOf("src/hello/app-kit")));
        Assert.True(Directory.Exists(ws.PathOf("src/hello/world")), "only the named component is ejected");
        Assert.Contains($"<PackageReference Include=\"{scope}.hello.app-kit\" Version=\"0.0.1\" />", ws.Read("app/Consumer/Consumer.csproj"));
        ws.Build("app/Consumer/Consumer.csproj").ShouldSucceed();
    }
}
