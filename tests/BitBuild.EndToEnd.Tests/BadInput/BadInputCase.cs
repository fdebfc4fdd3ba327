using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// One bad input: how to spoil a copy of the fixture workspace (<see cref="Arrange"/>), the dotnet bit command that must
/// refuse it, the BIT code it must report and the exit code (2 for usage errors, 1 for everything else).
/// </summary>
/// <param name="Item">The Deliver item of the hardening issue the case covers (1 = names, 2 = missing projects, …).</param>
public sealed record BadInputCase(string Name, int Item, string Code, int ExitCode, string[] Arguments, Action<TempWorkspace>? Arrange = null)
{
    /// <summary>Text the error must contain besides its code (e.g. the file or the name it is about).</summary>
    public string[] Mentions { get; init; } = [];

    public override string ToString() => Name;
}

/// <summary>Small edits the cases make to the fixture's files.</summary>
internal static class Spoil
{
    public static string Long(char c, int length) => new(c, length);

    public static void Declarations(TempWorkspace ws, string find, string replace) => Edit(ws, "BitWorkspace.props", find, replace);

    public static void Bitmap(TempWorkspace ws, string find, string replace) => Edit(ws, ".bitmap", find, replace);

    public static void Edit(TempWorkspace ws, string file, string find, string replace)
    {
        var text = ws.Read(file);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"the fixture's {file} has no '{find}':\n{text}");
        ws.Write(file, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>Sets BitDefaultScope in the declarations.</summary>
    public static void DefaultScope(TempWorkspace ws, string scope) =>
        Declarations(ws, "<BitDefaultScope>user.my-collection</BitDefaultScope>", $"<BitDefaultScope>{scope}</BitDefaultScope>");

    /// <summary>Gives the utils/string item the given metadata (e.g. <c>Id="x"</c>).</summary>
    public static void UtilsStringItem(TempWorkspace ws, string metadata) =>
        Declarations(ws, "src/utils/string/Utils.String.csproj\" />", $"src/utils/string/Utils.String.csproj\" {metadata} />");
}
