using System.Reflection;
using System.Text.RegularExpressions;
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

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BitBuild.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return folder.FullName;
    }

    /// <summary>The exit code column of each row of docs/diagnostics.md, by code.</summary>
    private static Dictionary<string, string> DocumentedExitCodes() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"))
            .Select(line => Regex.Match(line, @"^\| (BIT[0-9]{4}) \| ([^|]*) \|"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

    [Fact]
    public void Every_code_is_documented_with_its_exit_code()
    {
        var documented = DocumentedExitCodes();
        var undocumented = Codes().Where(c => !documented.ContainsKey(c.Code)).Select(c => $"{c.Code} ({c.Name})").ToList();
        Assert.Empty(undocumented);
        var withoutExitCode = documented.Where(d => !Regex.IsMatch(d.Value, "^[012]( |$)")).Select(d => $"{d.Key}: '{d.Value}'").ToList();
        Assert.Empty(withoutExitCode);
    }

    /// <summary>
    /// The one rule: a BitException marked as a usage error exits 2, every other one 1. Every code some source file throws
    /// as a usage error must say 2 in the docs, and every code documented as always 2 must only be thrown as one. A throw
    /// statement ends at the first ';' that ends a line (messages hold ';' inside their text).
    /// </summary>
    [Fact]
    public void The_documented_exit_codes_match_how_the_sources_throw_each_code()
    {
        var throws = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"new (?:Engine\.Diagnostics\.)?BitException\(\s*(?:Engine\.Diagnostics\.)?DiagnosticCodes\.(\w+)(?<rest>.*?);\r?\n", RegexOptions.Singleline))
            .Select(m => (Name: m.Groups[1].Value, Usage: m.Groups["rest"].Value.Contains("IsUsageError = true", StringComparison.Ordinal), Maybe: m.Groups["rest"].Value.Contains("IsUsageError = usageError", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(throws);
        var codeOf = Codes().ToDictionary(c => c.Name, c => c.Code);
        var documented = DocumentedExitCodes();
        var usageNotDocumented = throws.Where(t => t.Usage || t.Maybe).Select(t => codeOf[t.Name]).Distinct()
            .Where(code => !documented[code].StartsWith('2')).ToList();
        Assert.Empty(usageNotDocumented);
        var alwaysTwoThrownOtherwise = throws.Where(t => !t.Usage && !t.Maybe).Select(t => codeOf[t.Name]).Distinct()
            .Where(code => documented[code] == "2").ToList();
        Assert.Empty(alwaysTwoThrownOtherwise);
    }
}
