using System.Security.Cryptography;
using System.Text;

namespace BitBuild.Engine.Hashing;

/// <summary>
/// The content hash of a component: SHA-256 over each source file's relative path and the SHA-256 of its bytes, in
/// ordinal path order. The same function hashes a folder on disk and the <c>bit/src/</c> copy inside a package, which is
/// how export proves a package holds exactly the tagged sources.
/// </summary>
public static class ContentHash
{
    public const string Prefix = "sha256:";

    public static string OfFolder(string folder, IEnumerable<string>? excludedSubfolders = null)
    {
        var files = SourceFiles.List(folder, excludedSubfolders);
        return Of(files.Select(f => (f, (Func<Stream>)(() => File.OpenRead(Path.Combine(folder, f))))));
    }

    public static string Of(IEnumerable<(string RelativePath, Func<Stream> Open)> files)
    {
        using var total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, open) in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            byte[] fileHash;
            using (var stream = open())
            {
                fileHash = SHA256.HashData(stream);
            }

            total.AppendData(Encoding.UTF8.GetBytes(path));
            total.AppendData([0]);
            total.AppendData(fileHash);
        }

        return Prefix + Convert.ToHexStringLower(total.GetHashAndReset());
    }

    /// <summary>A short form for messages (the first 12 hex digits).</summary>
    public static string Short(string hash) => hash.StartsWith(Prefix, StringComparison.Ordinal) && hash.Length > Prefix.Length + 12 ? hash[..(Prefix.Length + 12)] : hash;
}
