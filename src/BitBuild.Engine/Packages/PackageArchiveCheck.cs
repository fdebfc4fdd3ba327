using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;

namespace BitBuild.Engine.Packages;

/// <summary>The limits a component package stays within; documented in docs/diagnostics.md (BIT3020).</summary>
public static class PackageLimits
{
    /// <summary>More entries than any component package needs, and far below Zip64's 65,535.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The bytes all entries inflate to together: 1 GiB, four times nuget.org's limit for a compressed package.</summary>
    public const long MaxInflatedBytes = 1L << 30;
}

/// <summary>What is wrong with one entry of a package archive, or with the archive as a whole (then <see cref="Entry"/> is null).</summary>
public sealed record PackageArchiveProblem(string? Entry, string Reason);

/// <summary>
/// Checks a package archive as a whole, as a consumer's tools would meet it, before it leaves the workspace: every entry
/// name stays inside the package once unescaped (no <c>..</c> or <c>.</c> segments, no absolute paths, drive letters,
/// backslashes, colons or control characters), no name repeats (ignoring case, as Windows extracts it), the local header
/// names what the directory names, every entry inflates to exactly the size and CRC-32 its directory records (a lying size
/// is how compression bombs and "different content for different unzippers" work; <see cref="ZipArchive"/> silently stops
/// at the recorded size), the archive stays within <see cref="PackageLimits"/>, and BitBuild's own parts are only those
/// tag writes: one nuspec at the root, and under <c>bit/</c> only the manifest, the sources and the outside inputs.
/// </summary>
public static class PackageArchiveCheck
{
    public static PackageArchiveProblem? FindProblem(ReadOnlyMemory<byte> package, string expectedNuspecName) =>
        FindProblem(package, expectedNuspecName, static _ => false, new Dictionary<string, byte[]>());

    /// <summary>
    /// Checks the package, and hands back the inflated content of the entries <paramref name="keep"/> selects (by their
    /// stored name) in <paramref name="kept"/>: a caller that needs some entries' content gets it from the one inflation
    /// the check does anyway.
    /// </summary>
    public static PackageArchiveProblem? FindProblem(ReadOnlyMemory<byte> package, string expectedNuspecName, Func<string, bool> keep, IDictionary<string, byte[]> kept)
    {
        var entries = StoredZipArchive.TryRead(package);
        if (entries is null)
        {
            return new(null, "it is not a plain zip archive as pack writes it (it is damaged, spans disks, uses Zip64 or has entries that overlap)");
        }

        if (entries.Count > PackageLimits.MaxEntries)
        {
            return new(null, $"it has {entries.Count} entries, more than the limit of {PackageLimits.MaxEntries}");
        }

        var declaredTotal = entries.Sum(e => (long)e.DeclaredSize);
        if (declaredTotal > PackageLimits.MaxInflatedBytes)
        {
            return new(null, $"its entries inflate to {declaredTotal} bytes, more than the limit of {PackageLimits.MaxInflatedBytes}");
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var problem = NameProblem(entry.Name)
                ?? (entry.LocalName != entry.Name ? $"its local header names it '{Printable(entry.LocalName)}'" : null)
                ?? (seen.TryGetValue(Uri.UnescapeDataString(entry.Name), out var earlier) ? $"it is in the package twice (also as '{Printable(earlier)}')" : null)
                ?? PartProblem(entry.Name, expectedNuspecName)
                ?? ContentProblem(entry, keep(entry.Name) ? new MemoryStream() : null, kept);
            if (problem is not null)
            {
                return new(Printable(entry.Name), problem);
            }

            seen[Uri.UnescapeDataString(entry.Name)] = entry.Name;
        }

        return null;
    }

    /// <summary>Checks the name as stored and as NuGet unescapes it when it extracts the package (<c>%2E%2E</c> is <c>..</c>).</summary>
    private static string? NameProblem(string name)
    {
        string unescaped;
        try
        {
            unescaped = Uri.UnescapeDataString(name);
        }
        catch (UriFormatException)
        {
            return "its name is not a valid escaped path";
        }

        foreach (var candidate in name == unescaped ? [name] : new[] { name, unescaped })
        {
            if (candidate.Length == 0)
            {
                return "its name is empty";
            }

            if (candidate.Any(char.IsControl))
            {
                return "its name holds control characters";
            }

            if (candidate.Contains('\\'))
            {
                return "its name holds a backslash, which Windows reads as a folder separator";
            }

            if (candidate.Contains(':'))
            {
                return candidate.Length >= 2 && candidate[1] == ':' && char.IsAsciiLetter(candidate[0])
                    ? "its name starts with a drive letter"
                    : "its name holds a colon, which Windows reads as a drive or a stream";
            }

            if (candidate.StartsWith('/'))
            {
                return "its name is an absolute path";
            }

            // A trailing '/' marks a folder entry; any other empty segment, and every '.' or '..', is not a plain path.
            var segments = candidate.TrimEnd('/').Split('/');
            if (segments.Any(s => s is "." or ".."))
            {
                return "its name has a '.' or '..' segment, which would take it out of the folder it is extracted to";
            }

            if (segments.Any(s => s.Length == 0))
            {
                return "its name has an empty segment ('//')";
            }
        }

        return null;
    }

    /// <summary>The parts BitBuild itself owns: anything there that tag would not have written is refused.</summary>
    private static string? PartProblem(string name, string expectedNuspecName)
    {
        if (!name.Contains('/') && name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, expectedNuspecName, StringComparison.OrdinalIgnoreCase))
        {
            return $"it is a nuspec, but the package's nuspec is {expectedNuspecName}";
        }

        if (name.StartsWith("bit/", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, ComponentManifest.PathInPackage, StringComparison.Ordinal)
            && !name.StartsWith(ComponentManifest.SourcesFolderInPackage, StringComparison.Ordinal)
            && !name.StartsWith(ComponentManifest.WorkspaceFolderInPackage, StringComparison.Ordinal))
        {
            return $"tag writes only {ComponentManifest.PathInPackage}, {ComponentManifest.SourcesFolderInPackage}… and {ComponentManifest.WorkspaceFolderInPackage}… under bit/";
        }

        return null;
    }

    /// <summary>Inflates the entry (never past its recorded size plus one byte) and compares size and CRC-32 with its directory record.</summary>
    private static string? ContentProblem(StoredZipEntry entry, MemoryStream? content, IDictionary<string, byte[]> kept)
    {
        var data = entry.CompressedData;
        if (data is null)
        {
            return "its data runs past the next entry";
        }

        if (entry.Method is not (0 or 8))
        {
            return $"it is compressed with method {entry.Method}; pack only stores or deflates";
        }

        var crc = new Crc32();
        long inflated;
        if (entry.Method == 0)
        {
            crc.Append(data.Value.Span);
            content?.Write(data.Value.Span);
            inflated = data.Value.Length;
        }
        else
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(81920, entry.DeclaredSize + 1L));
            inflated = 0;
            try
            {
                using var deflated = new DeflateStream(new ReadOnlyMemoryStream(data.Value), CompressionMode.Decompress);
                int read;
                while (inflated <= entry.DeclaredSize && (read = deflated.Read(buffer, 0, (int)Math.Min(buffer.Length, entry.DeclaredSize + 1 - inflated))) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                    content?.Write(buffer, 0, read);
                    inflated += read;
                }
            }
            catch (InvalidDataException)
            {
                return "its compressed data is damaged";
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (inflated > entry.DeclaredSize)
        {
            return $"the zip directory says it is {entry.DeclaredSize} bytes, but it inflates to more";
        }

        if (inflated < entry.DeclaredSize)
        {
            return $"the zip directory says it is {entry.DeclaredSize} bytes, but it inflates to {inflated}";
        }

        if (crc.GetCurrentHashAsUInt32() != entry.DeclaredCrc)
        {
            return "its content does not match the CRC-32 in the zip directory";
        }

        if (content is not null)
        {
            kept[entry.Name] = content.ToArray();
        }

        return null;
    }

    private static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>A read-only stream over memory the caller owns, so the compressed bytes are not copied to be inflated.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, memory.Length - position);
            memory.Span.Slice(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
