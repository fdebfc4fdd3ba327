using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Eject;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Tests.Eject;

public sealed class EjectValidatorTests
{
    private const string Hash = "sha256:aa";

    private static readonly WorkspaceDeclarations Declarations = new(
        [new DeclaredComponent("hello/world", "/ws/src/hello/world/Hello.World.csproj", null), new DeclaredComponent("utils/string", "/ws/src/utils/string/Utils.String.csproj", null)],
        [new DeclaredRemote("user.my-collection", "../scope")],
        "user.my-collection");

    private static Bitmap BitmapWith(string? scope, params string[] exportedTo)
    {
        var bitmap = new Bitmap();
        var state = bitmap.GetOrAdd("hello/world");
        state.Scope = scope;
        var version = new TaggedVersion { Version = "0.0.1", Hash = Hash };
        foreach (var s in exportedTo)
        {
            version.ExportedTo.Add(s);
        }

        state.Versions.Add(version);
        return bitmap;
    }

    private static string Refusal(Bitmap bitmap, string id = "hello/world", string hash = Hash) =>
        Assert.Throws<BitException>(() => EjectValidator.Check([id], Declarations, bitmap, _ => hash)).Code;

    [Fact]
    public void An_exported_unchanged_component_is_accepted()
    {
        var candidate = Assert.Single(EjectValidator.Check(["hello/*"], Declarations, BitmapWith("user.my-collection", "user.my-collection"), _ => Hash));
        Assert.Equal(("hello/world", "user.my-collection", "0.0.1"), (candidate.Component.Id, candidate.Scope, candidate.Version.Version));
    }

    [Fact]
    public void Refusals_have_their_own_codes()
    {
        Assert.Equal(DiagnosticCodes.EjectUnknownComponent, Refusal(new Bitmap(), "nope/nope"));
        Assert.Equal(DiagnosticCodes.EjectNeverExported, Refusal(new Bitmap(), "utils/string"));
        Assert.Equal(DiagnosticCodes.EjectNeverExported, Refusal(BitmapWith(null)));
        Assert.Equal(DiagnosticCodes.EjectStaged, Refusal(BitmapWith(null, "other.scope")));
        Assert.Equal(DiagnosticCodes.EjectStaged, Refusal(BitmapWith("user.my-collection", "other.scope")));
        Assert.Equal(DiagnosticCodes.EjectModified, Refusal(BitmapWith("user.my-collection", "user.my-collection"), hash: "sha256:bb"));
    }
}
