using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using BitBuild.Engine.Packages;
using BitBuild.Engine.Tests.Export;

namespace BitBuild.Engine.Tests.Packages;

public sealed class PackageArchiveCheckTests
{
    private const string Nuspec = "bitlocal.utils.string.nuspec";

    private static byte[] Package() => LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>());

    private static PackageArchiveProblem? Check(byte[] package) => PackageArchiveCheck.FindProblem(package, Nuspec);

    [Fact]
    public void A_package_as_tag_writes_it_passes()
    {
        Assert.Null(Check(Package()));
    }

    [Theory]
    [InlineData("../evil.txt", "'..'")]
    [InlineData("lib/../../evil.txt", "'..'")]
    [InlineData("lib/./x.dll", "'.'")]
    [InlineData("%2E%2E/evil.txt", "'..'")]
    [InlineData("/etc/evil", "absolute")]
    [InlineData("C:/Windows/evil.dll", "drive letter")]
    [InlineData("lib\\net10.0\\evil.dll", "backslash")]
    [InlineData("lib/evil.dll:stream", "colon")]
    [InlineData("lib//evil.dll", "empty segment")]
    [InlineData("lib/evil\u0001.dll", "control characters")]
    public void Refuses_entry_names_that_escape_the_package(string name, string reason)
    {
        var problem = Check(LocalPackageFactory.WithEntry(Package(), name, "x"u8.ToArray()));
        Assert.NotNull(problem);
        Assert.Contains(reason, problem.Reason);
    }

    [Theory]
    [InlineData("lib/net10.0/Thing.dll")]
    [InlineData("LIB/net10.0/thing.DLL")]
    [InlineData("lib/net10.0/Thing%2Edll")]
    public void Refuses_an_entry_that_is_in_the_package_twice(string second)
    {
        var problem = Check(LocalPackageFactory.WithEntry(Package(), second, "x"u8.ToArray()));
        Assert.NotNull(problem);
        Assert.Equal(second, problem.Entry);
        Assert.Contains("twice", problem.Reason);
    }

    [Theory]
    [InlineData("bit/extra.json")]
    [InlineData("bit/component.json.bak")]
    [InlineData("other.nuspec")]
    public void Refuses_parts_tag_would_not_have_written(string name)
    {
        var problem = Check(LocalPackageFactory.WithEntry(Package(), name, "{}"u8.ToArray()));
        Assert.NotNull(problem);
        Assert.Equal(name, problem.Entry);
    }

    [Fact]
    public void Accepts_what_a_project_packs_beside_its_build_output()
    {
        var package = LocalPackageFactory.WithEntry(Package(), "README.md", "# readme"u8.ToArray());
        package = LocalPackageFactory.WithEntry(package, "analyzers/dotnet/cs/Gen.dll", new byte[100]);
        Assert.Null(Check(package));
    }

    [Fact]
    public void Refuses_an_entry_that_inflates_to_more_than_its_directory_says()
    {
        // The classic bomb: a small recorded size, so a reader that trusts it is surprised by what it inflates to.
        var package = Patch(Package(), "lib/net10.0/Thing.dll", CentralSizeField, 10);
        var problem = Check(package);
        Assert.NotNull(problem);
        Assert.Equal("lib/net10.0/Thing.dll", problem.Entry);
        Assert.Contains("inflates to more", problem.Reason);
    }

    [Fact]
    public void Refuses_an_entry_that_inflates_to_less_than_its_directory_says()
    {
        var package = Patch(Package(), "lib/net10.0/Thing.dll", CentralSizeField, 5000);
        var problem = Check(package);
        Assert.NotNull(problem);
        Assert.Contains("inflates to 4096", problem.Reason);
    }

    [Fact]
    public void Refuses_an_entry_whose_crc_does_not_match()
    {
        var package = Patch(Package(), "lib/net10.0/Thing.dll", CentralCrcField, 12345);
        Assert.Contains("CRC-32", Check(package)?.Reason);
    }

    [Fact]
    public void Refuses_more_inflated_bytes_than_the_limit_before_inflating_anything()
    {
        var package = Patch(Package(), "lib/net10.0/Thing.dll", CentralSizeField, (uint)PackageLimits.MaxInflatedBytes + 1);
        var problem = Check(package);
        Assert.NotNull(problem);
        Assert.Contains("more than the limit", problem.Reason);
    }

    [Fact]
    public void Refuses_more_entries_than_the_limit()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i <= PackageLimits.MaxEntries; i++)
            {
                zip.CreateEntry($"content/{i}.txt", CompressionLevel.NoCompression);
            }
        }

        var problem = Check(buffer.ToArray());
        Assert.NotNull(problem);
        Assert.Contains($"{PackageLimits.MaxEntries + 1} entries", problem.Reason);
    }

    [Fact]
    public void Refuses_a_local_header_that_names_another_file_than_the_directory()
    {
        // Same length as the directory's name, so only streaming unzippers (which read local headers) see '../'.
        var package = LocalPackageFactory.WithEntry(Package(), "content/abcd.txt", "x"u8.ToArray());
        var local = IndexOf(package, "content/abcd.txt"u8.ToArray(), 0);
        Encoding.ASCII.GetBytes("../../abcd.txt..").CopyTo(package, local);
        var problem = Check(package);
        Assert.NotNull(problem);
        Assert.Equal("content/abcd.txt", problem.Entry);
        Assert.Contains("local header", problem.Reason);
    }

    [Fact]
    public void Refuses_an_unknown_compression_method()
    {
        var package = Patch(Package(), "lib/net10.0/Thing.dll", CentralMethodField, 12, width: 2);
        Assert.Contains("method 12", Check(package)?.Reason);
    }

    [Fact]
    public void Refuses_an_archive_that_is_not_a_zip()
    {
        var problem = Check("not a zip"u8.ToArray());
        Assert.NotNull(problem);
        Assert.Contains("not a plain zip archive", problem.Reason);
    }

    private const int CentralMethodField = 10;
    private const int CentralCrcField = 16;
    private const int CentralSizeField = 24;

    /// <summary>Overwrites a field of the named entry's central directory record.</summary>
    private static byte[] Patch(byte[] package, string name, int field, uint value, int width = 4)
    {
        var copy = (byte[])package.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = copy.Length - 46; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i)) == 0x02014b50
                && BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + 28)) == nameBytes.Length
                && copy.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                if (width == 2)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(i + field), (ushort)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + field), value);
                }

                return copy;
            }
        }

        throw new InvalidOperationException($"no central record for {name}");
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from + haystack.AsSpan(from).IndexOf(needle);
}
