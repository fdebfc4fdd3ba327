using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.BadInput;

/// <summary>
/// One bad input: how to spoil a copy of the fixture workspace (<see cref="Arrange"/>), the dotnet bit command that must
/// refuse it, the BIT code it must report and the exit code (2 for usage errors, 1 for everything else).
/// </summary>
/// <param name="Item">The Deliver item of the hardening issue the case covers (1 = names, 2 = missing projects, …; 0 = beyond them, e.g. repository quirks).</param>
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

    /// <summary>The local package of hello/world 0.0.1, as tag left it in .bit/ (staged, so export sends it).</summary>
    public static string HelloWorldPackagePath(TempWorkspace ws) => ws.PathOf(".bit/packages/hello.world/0.0.1/bitlocal.hello.world.0.0.1.nupkg");

    /// <summary>Edits hello/world's local package in place, as a hand edit or a hostile tool would.</summary>
    public static void HelloWorldPackage(TempWorkspace ws, Action<System.IO.Compression.ZipArchive> edit)
    {
        Assert.True(File.Exists(HelloWorldPackagePath(ws)), "the fixture has no local package of hello/world 0.0.1");
        using var zip = System.IO.Compression.ZipFile.Open(HelloWorldPackagePath(ws), System.IO.Compression.ZipArchiveMode.Update);
        edit(zip);
    }

    public static void AddEntry(System.IO.Compression.ZipArchive zip, string name)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write("<Project />"u8);
    }

    /// <summary>Lowers the size the zip directory records for hello/world's assembly, the way a compression bomb lies.</summary>
    public static void HelloWorldPackageSizeLie(TempWorkspace ws)
    {
        var bytes = File.ReadAllBytes(HelloWorldPackagePath(ws));
        var name = System.Text.Encoding.UTF8.GetBytes("lib/net10.0/Hello.World.dll");
        for (var i = bytes.Length - 46; i >= 0; i--)
        {
            // A central directory record (PK\x01\x02) with that name: its uncompressed size is at offset 24.
            if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x02014b50
                && bytes.AsSpan(i + 46).StartsWith(name))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 16);
                File.WriteAllBytes(HelloWorldPackagePath(ws), bytes);
                return;
            }
        }

        Assert.Fail("hello/world's package has no lib/net10.0/Hello.World.dll");
    }
}
