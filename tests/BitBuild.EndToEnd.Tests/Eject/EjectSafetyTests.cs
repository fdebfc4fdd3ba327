using static BitBuild.EndToEnd.Tests.Eject.EjectWorkspace;

namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>Eject never loses work: every refusal and every failure leaves each file of the workspace byte for byte as it was.</summary>
[Collection(EjectCollection.Name)]
public sealed class EjectSafetyTests(EjectFixture fixture)
{
    [Fact]
    public void Refusals_modified_staged_never_exported_and_unknown_leave_the_workspace_byte_identical()
    {
        using var ws = fixture.Copy("refusals");
        ws.AddScope("user.my-collection");
        Expect(ws.Bit("export"));

        // Never exported: a component that was added but never tagged or exported.
        ws.Write("src/fresh/thing/Fresh.Thing.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        Expect(ws.Bit("add", "src/fresh/thing"));
        AssertRefused(ws, "BIT4002", "fresh/thing");

        // Unknown.
        AssertRefused(ws, "BIT4001", "no/such");

        // Modified since its tag.
        var source = ws.PathOf("src/hello/world/Hello.World.cs");
        File.AppendAllText(source, "// a change\n");
        AssertRefused(ws, "BIT4004", "hello/world");

        // Staged: the change is tagged (0.0.2) but not exported to the primary scope.
        Expect(ws.Bit("tag", "hello/world"));
        AssertRefused(ws, "BIT4003", "hello/world");

        // One refused component stops the whole command: utils/string (ejectable) is not ejected either.
        AssertRefused(ws, "BIT4003", "utils/string", "hello/world");
    }

    [Fact]
    public void A_failed_restore_puts_every_file_back_and_eject_works_once_the_scope_is_back()
    {
        using var ws = fixture.Copy("rollback");
        ws.AddScope("user.my-collection");
        Expect(ws.Bit("export"));
        // Restored first, so obj/ holds what restore writes: the rollback must put those files back too.
        Expect(ws.DotNet("restore", "src/app"));
        var before = ws.Files();
        var scope = ws.ScopeFolder("user.my-collection");
        Directory.Move(scope, scope + ".away");

        var failed = Expect(ws.Bit("eject", "hello/world"), 1);

        Assert.Contains("error BIT4008: Ejecting hello/world failed while restoring src/app/App.csproj, src/hello/app-kit/Hello.AppKit.csproj", failed.StandardError);
        Assert.Contains($"the folder of scope user.my-collection ({scope}) does not exist", failed.StandardError);
        Assert.Contains("The workspace was put back exactly as it was", failed.StandardError);
        ws.AssertUnchanged(before);

        Directory.Move(scope + ".away", scope);
        Expect(ws.Bit("eject", "hello/world"));
        Assert.False(Directory.Exists(ws.PathOf("src/hello/world")));
        Assert.Contains("""<PackageReference Include="user.my-collection.hello.world" Version="0.0.1" />""", ws.Read("src/app/App.csproj"));
    }

    [Fact]
    public void When_export_succeeds_and_eject_fails_the_message_says_so_and_the_export_stays()
    {
        using var ws = fixture.Copy("export-then-eject-fails");
        ws.AddScope("user.my-collection");
        // A package no source has: restore after eject fails, so eject rolls back, but only after the export went through.
        var app = ws.Read("src/app/App.csproj").Replace("<ProjectReference Include=\"..\\hello\\world\\Hello.World.csproj\" />",
            "<ProjectReference Include=\"..\\hello\\world\\Hello.World.csproj\" />\n    <PackageReference Include=\"user.my-collection.no-such-package\" Version=\"1.0.0\" />");
        ws.Write("src/app/App.csproj", app);
        var appBytes = File.ReadAllBytes(ws.PathOf("src/app/App.csproj"));

        var result = Expect(ws.Bit("export", "user.my-collection", "--eject"), 1);

        Assert.Contains("2 components were exported to scope user.my-collection", result.StandardOutput);
        Assert.Contains("The components were exported to scope user.my-collection. However, ejecting them failed:", result.StandardError);
        Assert.Contains("BIT4008", result.StandardError);
        Assert.True(Directory.Exists(ws.PathOf("src/hello/world")));
        Assert.Equal(appBytes, File.ReadAllBytes(ws.PathOf("src/app/App.csproj")));
        Assert.True(Directory.Exists(Path.Combine(ws.ScopeFolder("user.my-collection"), "user.my-collection.hello.world")), "the export is not undone");
        var status = Expect(ws.Bit("status", "--json"));
        Assert.DoesNotContain("\"staged\"", status.StandardOutput);
        Assert.Contains("\"status\": \"up-to-date\"", status.StandardOutput);
    }

    private static void AssertRefused(EjectWorkspace ws, string code, params string[] ids)
    {
        var before = ws.Files();
        var result = Expect(ws.Bit(["eject", .. ids]), 1);
        Assert.Contains($"error {code}:", result.StandardError);
        Assert.Contains("Nothing was changed", result.StandardError);
        ws.AssertUnchanged(before);
    }
}
