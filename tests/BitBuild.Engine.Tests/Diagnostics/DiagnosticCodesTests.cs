using System.Reflection;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Tests.Diagnostics;

/// <summary>Every BIT#### code is unique and explained in docs/diagnostics.md, where users look it up.</summary>
public sealed class DiagnosticCodesTests
{
    private static IReadOnlyList<(string Name, string Code)> Codes() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
            .ToList();

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = Codes();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Matches("^BIT[0-9]{4}$", c.Code));
        var duplicates = codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}").ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_code_is_documented()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BitBuild.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var docs = File.ReadAllText(Path.Combine(folder.FullName, "docs", "diagnostics.md"));
        var undocumented = Codes().Where(c => !docs.Contains($"| {c.Code} |", StringComparison.Ordinal)).Select(c => $"{c.Code} ({c.Name})").ToList();
        Assert.Empty(undocumented);
    }
}
