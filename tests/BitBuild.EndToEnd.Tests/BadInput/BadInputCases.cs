namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>The corpus of bad inputs, grouped by the Deliver item of the hardening issue each one covers.</summary>
public static class BadInputCases
{
    private static readonly string LongId = Spoil.Long('a', 300);
    private static readonly string LongScope = Spoil.Long('s', 300);

    /// <summary>One character over the documented maximum (91 for ids, 98 for scopes).</summary>
    private static readonly string IdOneTooLong = Spoil.Long('i', 92);
    private static readonly string ScopeOneTooLong = Spoil.Long('s', 99);

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // 1. Names: ids and scope names have a maximum length and each kind of name gets its own code, where it enters.
        new("add --id of 300 characters", 1, "BIT1005", 2, ["add", "src/hello/app-kit", "--id", LongId]) { Mentions = ["at most 91 characters"] },
        new("add --id one character too long", 1, "BIT1005", 2, ["add", "src/hello/app-kit", "--id", IdOneTooLong]),
        new("add --scope of 300 characters", 1, "BIT1010", 2, ["add", "src/hello/app-kit", "--scope", LongScope]) { Mentions = ["at most 98 characters"] },
        new("add: --id and BitDefaultScope make a package id over 100 characters", 1, "BIT3002", 2, ["add", "src/hello/app-kit", "--id", Spoil.Long('k', 90)]),
        new("BitComponent Id metadata of 300 characters", 1, "BIT1005", 1, ["status"], ws => Spoil.UtilsStringItem(ws, $"Id=\"{LongId}\"")) { Mentions = ["BitComponent src/utils/string/Utils.String.csproj", "BitWorkspace.props"] },
        new("BitComponent Id metadata that is no id", 1, "BIT1005", 1, ["list"], ws => Spoil.UtilsStringItem(ws, "Id=\"Utils/String\"")),
        new("BitComponent Scope metadata that is no scope", 1, "BIT1010", 1, ["status"], ws => Spoil.UtilsStringItem(ws, "Scope=\"Team..Shared\"")) { Mentions = ["Scope metadata"] },
        new("BitComponent Scope metadata one character too long", 1, "BIT1010", 1, ["status"], ws => Spoil.UtilsStringItem(ws, $"Scope=\"{ScopeOneTooLong}\"")),
        new("BitComponent Id and Scope make a package id over 100 characters", 1, "BIT3002", 1, ["status"], ws => Spoil.UtilsStringItem(ws, $"Id=\"{Spoil.Long('u', 60)}\" Scope=\"{Spoil.Long('t', 60)}\"")),
        new("BitDefaultScope that is no scope (status)", 1, "BIT1010", 1, ["status"], ws => Spoil.DefaultScope(ws, "User..Collection")) { Mentions = ["BitDefaultScope"] },
        new("BitDefaultScope that is no scope (export)", 1, "BIT1010", 1, ["export"], ws => Spoil.DefaultScope(ws, "User..Collection")) { Mentions = ["BitDefaultScope"] },
        new("BitDefaultScope of 300 characters", 1, "BIT1010", 1, ["export", "--dry-run"], ws => Spoil.DefaultScope(ws, LongScope)),
        new("BitRemote named with no scope name", 1, "BIT1010", 1, ["status"], ws => Spoil.Declarations(ws, "<BitRemote Include=\"user.my-collection\"", "<BitRemote Include=\"User..Mine\"")),
        new(".bitmap component id of 300 characters", 1, "BIT1005", 1, ["status"], ws => Spoil.Bitmap(ws, "\"hello/world\": {", $"\"{LongId}\": {{")) { Mentions = [".bitmap"] },
        new(".bitmap dependency id that is no id", 1, "BIT1005", 1, ["list"], ws => Spoil.Bitmap(ws, "\"utils/string\": \"0.0.1\"", "\"Utils/String\": \"0.0.1\"")) { Mentions = [".bitmap"] },
        new(".bitmap primary scope that is no scope", 1, "BIT1010", 1, ["status"], ws => Spoil.Bitmap(ws, "\"scope\": \"user.my-collection\"", "\"scope\": \"User..Mine\"")) { Mentions = [".bitmap"] },
        new(".bitmap exportedTo scope of 300 characters", 1, "BIT1010", 1, ["export"], ws => Spoil.Bitmap(ws, "\"exportedTo\": [\n            \"user.my-collection\"", $"\"exportedTo\": [\n            \"{LongScope}\"")),
        new(".bitmap version of 300 characters", 1, "BIT1003", 1, ["status"], ws => Spoil.Bitmap(ws, "\"version\": \"0.0.1\"", $"\"version\": \"0.0.1-{Spoil.Long('v', 294)}\"")),
        new("tag with an id of 300 characters", 1, "BIT1005", 2, ["tag", LongId]),
        new("show with an id of 300 characters", 1, "BIT1005", 2, ["show", LongId]),
        new("untag with an id of 300 characters", 1, "BIT1005", 2, ["untag", LongId]),
        new("eject with an id of 300 characters", 1, "BIT1005", 2, ["eject", LongId]),
        new("export with an id of 300 characters", 1, "BIT1005", 2, ["export", "user.my-collection", LongId]),
        new("export to a scope of 300 characters", 1, "BIT1010", 2, ["export", LongScope]),
        new("export to a scope that is no scope", 1, "BIT1010", 2, ["export", "User..Collection"]),
        new("remote add with a name of 300 characters", 1, "BIT1010", 2, ["remote", "add", LongScope, "feeds/x"]),
        new("tag with a version of 300 characters", 1, "BIT2002", 2, ["tag", "hello/world", "1.0.0-" + Spoil.Long('v', 294)]),
        new("tag --pre-release label of 300 characters", 1, "BIT2002", 2, ["tag", "hello/world", "--pre-release", Spoil.Long('b', 300)]),

        // 2. Missing projects: a declared component whose project file or folder is gone is BIT1008 naming the item and the path, in every command.
        .. MissingProject("status", ["status"]),
        .. MissingProject("list", ["list"]),
        .. MissingProject("show", ["show", "hello/world"]),
        .. MissingProject("tag", ["tag"]),
        .. MissingProject("export", ["export"]),
        .. MissingProject("export --dry-run", ["export", "--dry-run"]),
        .. MissingProject("eject", ["eject", "utils/string"]),
        new("BitComponent naming a folder instead of a project file", 2, "BIT1008", 1, ["status"], ws => Spoil.Declarations(ws, "src/hello/world/Hello.World.csproj\"", "src/hello/world\"")) { Mentions = ["which is a folder"] },
        new("BitComponent naming a file that is no project", 2, "BIT1008", 1, ["status"], ws => Spoil.Declarations(ws, "src/hello/world/Hello.World.csproj\"", "src/hello/world/Hello.World.cs\"")) { Mentions = ["not a project file"] },

        // 3. .bitmap: duplicates, missing or mistyped fields and truncated files are BIT1003 at the file's line and column.
        new(".bitmap with a component twice (a merge that kept both sides)", 3, "BIT1003", 1, ["status"], ws => Spoil.Bitmap(ws, "\"components\": {\n", "\"components\": {\n    \"utils/string\": {},\n")) { Mentions = ["\"utils/string\" twice"] },
        new(".bitmap with a version twice", 3, "BIT1003", 1, ["export"], ws => Spoil.Bitmap(ws, "\"versions\": [\n", "\"versions\": [\n        { \"version\": \"0.0.1\", \"hash\": \"sha256:00\" },\n")) { Mentions = ["0.0.1 twice"] },
        new(".bitmap cut off in the middle (a truncated write)", 3, "BIT1003", 1, ["tag"], ws => File.WriteAllBytes(ws.PathOf(".bitmap"), File.ReadAllBytes(ws.PathOf(".bitmap"))[..200])) { Mentions = [".bitmap", "line "] },
        new(".bitmap that is empty", 3, "BIT1003", 1, ["list"], ws => File.WriteAllBytes(ws.PathOf(".bitmap"), [])),
        new(".bitmap with a version entry without its hash", 3, "BIT1003", 1, ["show", "utils/string"], ws => Spoil.Bitmap(ws, "\"hash\": \"sha256:", "\"hush\": \"sha256:")) { Mentions = ["no \"hash\""] },
        new(".bitmap with a number where the project path belongs", 3, "BIT1003", 1, ["status"], ws => Spoil.Bitmap(ws, "\"project\": \"src/hello/world/Hello.World.csproj\"", "\"project\": 42")) { Mentions = ["must be a string, not a number"] },
        new(".bitmap with a time that is no date", 3, "BIT1003", 1, ["untag", "hello/world"], ws => Spoil.Bitmap(ws, "\"time\": \"20", "\"time\": \"yesterday 20")),
        new(".bitmap with git merge conflict markers", 3, "BIT1003", 1, ["export"], ws => Spoil.Bitmap(ws, "\"components\": {\n", "\"components\": {\n<<<<<<< HEAD\n")) { Mentions = ["line 4, column 1"] },
        new(".bitmap of a newer format", 3, "BIT1012", 1, ["tag"], ws => Spoil.Bitmap(ws, "\"format\": 1", "\"format\": 9")),

        // 4. Command line: a version that is not one is BIT2002; every usage error exits 2, everything else 1.
        new("tag with a v-prefixed version", 4, "BIT2002", 2, ["tag", "utils/string", "v1.0.0"]) { Mentions = ["'v1.0.0' is not a valid version", "write 1.0.0"] },
        new("untag with a v-prefixed version", 4, "BIT2002", 2, ["untag", "hello/world", "v0.0.1"]) { Mentions = ["write 0.0.1"] },
        new("tag with a two-part version", 4, "BIT2002", 2, ["tag", "hello/world", "1.0"]),
        new("tag with a version alone that is not one", 4, "BIT2002", 2, ["tag", "1.0.0.0.0"]),
        new("an unknown command", 4, "BIT1013", 2, ["frobnicate"]),
        new("an unknown option", 4, "BIT1013", 2, ["status", "--frobnicate"]),
        new("an option without its value", 4, "BIT1013", 2, ["tag", "-m"]),
        new("tag with two increments", 4, "BIT1013", 2, ["tag", "--minor", "--major"]),
        new("tag with ids and --all", 4, "BIT1013", 2, ["tag", "hello/world", "--all"]),
        new("tag with a version and an increment", 4, "BIT1013", 2, ["tag", "hello/world", "1.0.0", "--minor"]),
        new("add without a path", 4, "BIT1013", 2, ["add"]),
        new("show without an id", 4, "BIT1013", 2, ["show"]),
        new("untag without an id", 4, "BIT1013", 2, ["untag"]),
        new("export --rewire without a scope", 4, "BIT3017", 2, ["export", "--rewire"]),
        new("export --include-dependencies without a scope", 4, "BIT3017", 2, ["export", "hello/world", "--include-dependencies"]),
        new("an unknown component is not a usage error", 4, "BIT1006", 1, ["show", "hello/nobody"]),
        new("an unknown scope is not a usage error", 4, "BIT3001", 1, ["export", "nobody.knows"]),
        new("-C naming a folder outside any workspace", 4, "BIT1001", 1, ["status", "-C", "/"]),

        // 5. Same-named projects are fine; the same id for two of them is not, and the error names both.
        new("two same-named projects in different folders declared with one id", 5, "BIT1007", 1, ["status"], DeclareACopyOfHelloWorldWithItsId)
        {
            Mentions = ["hello/world", "src/hello/world/Hello.World.csproj", "src/other/world/Hello.World.csproj"],
        },

        // 7. A dependent status lists as pending auto-tag is tagged with its changed dependency, not on its own.
        new("tag of a changed dependent alone while its dependency changed too", 7, "BIT2010", 1, ["tag", "hello/world"], ws =>
        {
            Spoil.Edit(ws, "src/utils/string/Utils.String.cs", "ToUpperInvariant()", "ToUpperInvariant().Trim()");
            Spoil.Edit(ws, "src/hello/world/Hello.World.cs", "\"hello \"", "\"hello, \"");
        })
        {
            Mentions = ["utils/string"],
        },

        // Repository quirks that fail every build are reported before any build, by the first command that runs dotnet.
        new("global.json pinning an SDK that is not installed (status)", 0, "BIT1014", 1, ["status"], PinMissingSdk) { Mentions = ["9.0.100", "global.json", "is not installed"] },
        new("global.json pinning an SDK that is not installed (tag)", 0, "BIT1014", 1, ["tag", "--all"], PinMissingSdk) { Mentions = ["9.0.100"] },

        // 6. --rewire refuses every component whose package it would rewrite while it is modified since its tag.
        new("--rewire with a dependency modified since its tag, pulled in by --include-dependencies", 6, "BIT3018", 1,
            ["export", "team.other", "hello/world", "--include-dependencies", "--rewire"], ModifyUtilsStringAndAddTeamOther) { Mentions = ["utils/string"] },
        new("--rewire naming a component modified since its tag (refused as any export of it)", 6, "BIT3005", 1,
            ["export", "team.other", "utils/string", "--include-dependencies", "--rewire"], ModifyUtilsStringAndAddTeamOther) { Mentions = ["utils/string"] },

        // 8. Export verifies each local package as a whole: entry names, repeats, honest sizes, only the parts tag writes.
        new("export of a local package with a zip-slip entry", 8, "BIT3020", 1, ["export"], ws => Spoil.HelloWorldPackage(ws, zip => Spoil.AddEntry(zip, "../../evil.targets")))
        {
            Mentions = [LocalHelloWorldPackage, "'../../evil.targets'", "hello/world 0.0.1"],
        },
        new("export of a local package with an absolute entry name", 8, "BIT3020", 1, ["export"], ws => Spoil.HelloWorldPackage(ws, zip => Spoil.AddEntry(zip, "/etc/evil"))) { Mentions = ["absolute path"] },
        new("export of a local package with a backslash entry name", 8, "BIT3020", 1, ["export", "--dry-run"], ws => Spoil.HelloWorldPackage(ws, zip => Spoil.AddEntry(zip, "lib\\evil.dll")))
        {
            Mentions = ["backslash"],
        },
        new("export of a local package with an entry twice", 8, "BIT3020", 1, ["export"], ws => Spoil.HelloWorldPackage(ws, zip => Spoil.AddEntry(zip, "BIT/COMPONENT.JSON"))) { Mentions = ["twice"] },
        new("export of a local package with a part tag does not write", 8, "BIT3020", 1, ["export"], ws => Spoil.HelloWorldPackage(ws, zip => Spoil.AddEntry(zip, "bit/hooks.ps1"))) { Mentions = ["'bit/hooks.ps1'"] },
        new("export of a local package whose entry inflates to more than it says", 8, "BIT3020", 1, ["export"], Spoil.HelloWorldPackageSizeLie) { Mentions = ["inflates to more"] },
    ];

    private const string LocalHelloWorldPackage = "bitlocal.hello.world.0.0.1.nupkg";

    /// <summary>A copy of hello/world's folder at src/other/world (same project file name), declared with Id="hello/world".</summary>
    private static void DeclareACopyOfHelloWorldWithItsId(Infrastructure.TempWorkspace ws)
    {
        Directory.CreateDirectory(ws.PathOf("src/other/world"));
        foreach (var file in Directory.GetFiles(ws.PathOf("src/hello/world")))
        {
            File.Copy(file, Path.Combine(ws.PathOf("src/other/world"), Path.GetFileName(file)));
        }

        Spoil.Declarations(ws, "<BitComponent Include=\"$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj\" />",
            "<BitComponent Include=\"$(MSBuildThisFileDirectory)src/hello/world/Hello.World.csproj\" />\n    <BitComponent Include=\"$(MSBuildThisFileDirectory)src/other/world/Hello.World.csproj\" Id=\"hello/world\" />");
    }

    /// <summary>A global.json that asks for an SDK this machine does not have, and no newer one.</summary>
    private static void PinMissingSdk(Infrastructure.TempWorkspace ws) =>
        ws.Write("global.json", "{ \"sdk\": { \"version\": \"9.0.100\", \"rollForward\": \"disable\" } }\n");

    /// <summary>A second scope, team.other, and a change to utils/string's sources after its tag.</summary>
    private static void ModifyUtilsStringAndAddTeamOther(Infrastructure.TempWorkspace ws)
    {
        Spoil.Declarations(ws, "<ItemGroup Label=\"Remotes\">", "<ItemGroup Label=\"Remotes\">\n    <BitRemote Include=\"team.other\" Source=\"$(MSBuildThisFileDirectory)feeds/other\" />");
        Spoil.Edit(ws, "src/utils/string/Utils.String.cs", "ToUpperInvariant()", "ToUpperInvariant().Trim()");
    }

    /// <summary>The same command once with the project's folder gone and once with only its project file gone.</summary>
    private static BadInputCase[] MissingProject(string command, string[] arguments) =>
    [
        new($"{command} with a component's folder missing", 2, "BIT1008", 1, arguments, ws => Directory.Delete(ws.PathOf("src/hello/world"), recursive: true))
        {
            Mentions = ["BitComponent src/hello/world/Hello.World.csproj", "folder src/hello/world does not exist"],
        },
        new($"{command} with a component's project file missing", 2, "BIT1008", 1, arguments, ws => File.Delete(ws.PathOf("src/hello/world/Hello.World.csproj")))
        {
            Mentions = ["Hello.World.csproj, which does not exist"],
        },
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }
}
