namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>Every file under a folder with its bytes' hash: compared before and after to prove nothing changed.</summary>
internal static class ScopeSnapshot
{
    public static IReadOnlyList<string> Of(string folder) =>
        !Directory.Exists(folder)
            ? ["(missing)"]
            : Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/') + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
                .Order(StringComparer.Ordinal)
                .ToList();
}
