using System.IO.Compression;
using System.Text;
using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Tests.Export;

public sealed class StoredZipArchiveTests
{
    private static byte[] Zip(bool seekable, params (string Name, string Content, CompressionLevel Level)[] entries)
    {
        var buffer = new MemoryStream();
        // A stream that cannot seek makes ZipArchive write sizes after the data (a data descriptor), as some zip writers do.
        using (var zip = new ZipArchive(seekable ? buffer : new ForwardOnlyStream(buffer), ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                entry.LastWriteTime = LocalPackageFactory.Stamp;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> Contents(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Entries_copied_as_stored_make_an_archive_with_the_same_content(bool seekable)
    {
        var original = Zip(seekable, ("a.txt", new string('a', 5000), CompressionLevel.Optimal), ("dir/b.txt", "bee", CompressionLevel.NoCompression), ("c.bin", "see", CompressionLevel.Fastest));

        var entries = StoredZipArchive.TryRead(original);
        Assert.NotNull(entries);
        Assert.Equal(["a.txt", "dir/b.txt", "c.bin"], entries.Select(e => e.Name));
        using var copy = new MemoryStream();
        StoredZipArchive.Write(entries.Reverse().ToList(), copy);

        Assert.Equal(Contents(original), Contents(copy.ToArray()));
        Assert.Equal(["c.bin", "dir/b.txt", "a.txt"], LocalPackageFactory.EntryNames(copy.ToArray()));
    }

    [Fact]
    public void Only_an_uncompressed_entry_gives_its_content_directly()
    {
        var entries = StoredZipArchive.TryRead(Zip(true, ("plain.xml", "<x />", CompressionLevel.NoCompression), ("packed.xml", "<y />", CompressionLevel.Optimal)))!;

        Assert.Equal("<x />", Encoding.UTF8.GetString(entries[0].UncompressedContent!.Value.Span));
        Assert.Null(entries[1].UncompressedContent);
    }

    [Fact]
    public void Anything_but_a_zip_archive_is_not_read()
    {
        Assert.Null(StoredZipArchive.TryRead(Encoding.UTF8.GetBytes("not a zip archive at all, just some text that is long enough")));
        Assert.Null(StoredZipArchive.TryRead(Array.Empty<byte>()));
        var truncated = Zip(true, ("a.txt", "a", CompressionLevel.Optimal));
        Assert.Null(StoredZipArchive.TryRead(truncated.AsMemory(0, truncated.Length - 30)));
    }

    /// <summary>A write-only stream that cannot seek.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        private long position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            position += count;
        }
    }
}
