namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The three-component chain most tests use: utils/string ← hello/world ← hello/app-kit (each depends on the previous one),
/// initialised as a workspace with the given default scope.
/// </summary>
public static class SampleComponents
{
    public const string UtilsString = "utils/string";
    public const string HelloWorld = "hello/world";
    public const string HelloAppKit = "hello/app-kit";

    public static void Create(TempWorkspace ws, string? defaultScope = "user.my-collection", bool addComponents = true)
    {
        ws.AddLibrary("src/utils/string", "Utils.String", """
            namespace Utils.String;
            public static class Shout { public static string Loud(string s) => s.ToUpperInvariant() + "!"; }
            """);
        ws.AddLibrary("src/hello/world", "Hello.World", """
            namespace Hello.World;
            public static class Greeter { public static string Greet(string name) => "hello " + Utils.String.Shout.Loud(name); }
            """, "src/utils/string/Utils.String.csproj");
        ws.AddLibrary("src/hello/app-kit", "Hello.AppKit", """
            namespace Hello.AppKit;
            public static class Banner { public static string Show(string name) => "[" + Hello.World.Greeter.Greet(name) + "]"; }
            """, "src/hello/world/Hello.World.csproj");
        var init = defaultScope is null ? BitCli.Bit(ws.Root, "init") : BitCli.Bit(ws.Root, "init", "--default-scope", defaultScope);
        Assert.True(init.ExitCode == 0, init.CombinedOutput);
        if (addComponents)
        {
            var add = BitCli.Bit(ws.Root, "add", "src/utils/string", "src/hello/world", "src/hello/app-kit");
            Assert.True(add.ExitCode == 0, add.CombinedOutput);
        }
    }
}
