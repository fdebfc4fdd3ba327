using System.Buffers.Binary;
using System.Text;

namespace BitBuild.Engine.Packages;

/// <summary>One zip entry exactly as stored: its central directory record and its local header, data and data descriptor.</summary>
internal sealed record StoredZipEntry(string Name, ReadOnlyMemory<byte> CentralRecord, ReadOnlyMemory<byte> LocalRecord)
{
    /// <summary>The compression method its directory record names: 0 stored, 8 deflated.</summary>
    public int Method => BinaryPrimitives.ReadUInt16LittleEndian(CentralRecord.Span[StoredZipArchive.CentralMethodField..]);

    /// <summary>The CRC-32 of the content, as its directory record says.</summary>
    public uint DeclaredCrc => BinaryPrimitives.ReadUInt32LittleEndian(CentralRecord.Span[StoredZipArchive.CentralCrcField..]);

    /// <summary>The size of the content, as its directory record says.</summary>
    public uint DeclaredSize => BinaryPrimitives.ReadUInt32LittleEndian(CentralRecord.Span[StoredZipArchive.CentralSizeField..]);

    /// <summary>The name in its local header, which streaming unzippers read instead of the directory's.</summary>
    public string LocalName => Encoding.UTF8.GetString(LocalRecord.Span.Slice(
        StoredZipArchive.LocalHeaderSize,
        Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(LocalRecord.Span[StoredZipArchive.LocalNameLengthField..]), LocalRecord.Length - StoredZipArchive.LocalHeaderSize)));

    /// <summary>The stored (compressed) bytes of the content, or null when the directory's size runs past this entry's bytes.</summary>
    public ReadOnlyMemory<byte>? CompressedData
    {
        get
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(CentralRecord.Span[StoredZipArchive.CentralCompressedSizeField..]);
            var local = LocalRecord.Span;
            var start = StoredZipArchive.LocalHeaderSize
                + BinaryPrimitives.ReadUInt16LittleEndian(local[StoredZipArchive.LocalNameLengthField..])
                + BinaryPrimitives.ReadUInt16LittleEndian(local[StoredZipArchive.LocalExtraLengthField..]);
            return start + (long)size <= LocalRecord.Length ? LocalRecord.Slice(start, (int)size) : null;
        }
    }

    /// <summary>The content of an entry stored without compression (method 0), else null.</summary>
    public ReadOnlyMemory<byte>? UncompressedContent
    {
        get
        {
            var central = CentralRecord.Span;
            if (BinaryPrimitives.ReadUInt16LittleEndian(central[StoredZipArchive.CentralMethodField..]) != 0)
            {
                return null;
            }

            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(central[StoredZipArchive.CentralSizeField..]);
            var local = LocalRecord.Span;
            var start = StoredZipArchive.LocalHeaderSize
                + BinaryPrimitives.ReadUInt16LittleEndian(local[StoredZipArchive.LocalNameLengthField..])
                + BinaryPrimitives.ReadUInt16LittleEndian(local[StoredZipArchive.LocalExtraLengthField..]);
            return start + size <= LocalRecord.Length ? LocalRecord.Slice(start, size) : null;
        }
    }
}

/// <summary>
/// The entries of a zip archive as stored bytes, so that a package rewrite can copy the entries it does not change without
/// inflating and deflating them again (<see cref="System.IO.Compression.ZipArchive"/> can only recompress). Only plain archives
/// are read this way, which is what NuGet's pack and <see cref="System.IO.Compression.ZipArchive"/> write for packages under
/// 4 GiB: one disk, no Zip64. <see cref="TryRead"/> returns null for anything else, and the caller takes the slow path.
/// </summary>
internal static class StoredZipArchive
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const int EndOfCentralDirectorySize = 22;
    private const int CentralHeaderSize = 46;
    private const int LocalHeaderOffsetField = 42;

    // Field offsets in the central directory record and the local header (APPNOTE.TXT 4.3.7 and 4.3.12).
    internal const int CentralMethodField = 10;
    internal const int CentralCrcField = 16;
    internal const int CentralCompressedSizeField = 20;
    internal const int CentralSizeField = 24;
    internal const int LocalHeaderSize = 30;
    internal const int LocalNameLengthField = 26;
    internal const int LocalExtraLengthField = 28;

    public static IReadOnlyList<StoredZipEntry>? TryRead(ReadOnlyMemory<byte> archive)
    {
        var bytes = archive.Span;
        var end = FindEndOfCentralDirectory(bytes);
        if (end < 0 || (end >= 20 && ReadUInt32(bytes, end - 20) == Zip64LocatorSignature))
        {
            return null;
        }

        var disk = ReadUInt16(bytes, end + 4);
        var directoryDisk = ReadUInt16(bytes, end + 6);
        var count = ReadUInt16(bytes, end + 10);
        var directorySize = ReadUInt32(bytes, end + 12);
        var directoryOffset = ReadUInt32(bytes, end + 16);
        if (disk != 0 || directoryDisk != 0 || count == ushort.MaxValue || (long)directoryOffset + directorySize > end)
        {
            return null;
        }

        var records = new List<(string Name, int Start, int Length, int LocalOffset)>(count);
        var position = (int)directoryOffset;
        for (var i = 0; i < count; i++)
        {
            if (position + CentralHeaderSize > end || ReadUInt32(bytes, position) != CentralHeaderSignature)
            {
                return null;
            }

            var compressedSize = ReadUInt32(bytes, position + CentralCompressedSizeField);
            var size = ReadUInt32(bytes, position + CentralSizeField);
            var nameLength = ReadUInt16(bytes, position + 28);
            var extraLength = ReadUInt16(bytes, position + 30);
            var commentLength = ReadUInt16(bytes, position + 32);
            var localOffset = ReadUInt32(bytes, position + LocalHeaderOffsetField);
            var length = CentralHeaderSize + nameLength + extraLength + commentLength;
            if (compressedSize == uint.MaxValue || size == uint.MaxValue || localOffset >= directoryOffset || position + length > end
                || ReadUInt32(bytes, (int)localOffset) != LocalHeaderSignature)
            {
                return null; // Zip64 fields or a record that points outside the entries: not a plain archive
            }

            records.Add((Encoding.UTF8.GetString(bytes.Slice(position + CentralHeaderSize, nameLength)), position, length, (int)localOffset));
            position += length;
        }

        // Each entry's stored bytes run from its local header to the next local header (or the central directory), which
        // takes in a data descriptor when there is one.
        var starts = records.Select(r => r.LocalOffset).Distinct().Order().ToList();
        if (starts.Count != records.Count)
        {
            return null;
        }

        var entries = new List<StoredZipEntry>(records.Count);
        foreach (var record in records)
        {
            var next = starts.BinarySearch(record.LocalOffset) + 1;
            var localEnd = next < starts.Count ? starts[next] : (int)directoryOffset;
            if (localEnd - record.LocalOffset < LocalHeaderSize)
            {
                return null;
            }

            entries.Add(new StoredZipEntry(record.Name, archive.Slice(record.Start, record.Length), archive[record.LocalOffset..localEnd]));
        }

        return entries;
    }

    /// <summary>Writes <paramref name="entries"/> as a new archive, their stored bytes unchanged; only the offsets differ.</summary>
    public static void Write(IReadOnlyList<StoredZipEntry> entries, Stream destination)
    {
        var offsets = new long[entries.Count];
        long position = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            offsets[i] = position;
            position += entries[i].LocalRecord.Length;
        }

        var directorySize = entries.Sum(e => (long)e.CentralRecord.Length);
        if (entries.Count >= ushort.MaxValue || position + directorySize > uint.MaxValue)
        {
            throw new NotSupportedException("The archive would need Zip64.");
        }

        foreach (var entry in entries)
        {
            destination.Write(entry.LocalRecord.Span);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var record = entries[i].CentralRecord.ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(LocalHeaderOffsetField), (uint)offsets[i]);
            destination.Write(record);
        }

        Span<byte> end = stackalloc byte[EndOfCentralDirectorySize];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)position);
        destination.Write(end);
    }

    private static int FindEndOfCentralDirectory(ReadOnlySpan<byte> bytes)
    {
        // The end record is the last thing in the file, followed only by a comment of at most 64 KiB.
        var lowest = Math.Max(0, bytes.Length - EndOfCentralDirectorySize - ushort.MaxValue);
        for (var i = bytes.Length - EndOfCentralDirectorySize; i >= lowest; i--)
        {
            if (ReadUInt32(bytes, i) == EndOfCentralDirectorySignature && i + EndOfCentralDirectorySize + ReadUInt16(bytes, i + 20) == bytes.Length)
            {
                return i;
            }
        }

        return -1;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
}
