using System.Xml.Linq;

namespace BitBuild.Engine.MsBuild;

/// <summary>One place a project's imports set a property: the file, the target (null at evaluation) and the value written.</summary>
public sealed record PropertySetter(string File, string? Target, string Property, string Value);

/// <summary>
/// Reads the output of <c>dotnet msbuild -pp</c> (the project with every import inlined, in evaluation order) to find
/// which file and target set a property. MSBuild has no API for "who set this property at execution time"; the
/// preprocessed project is the one view of everything imported — Directory.Build.props/.targets, the packages' build
/// targets, the SDK — and marks each import's file in a comment, so each setter can be named by file and target.
/// </summary>
public static class PreprocessedProject
{
    /// <summary>Every PropertyGroup element that sets one of <paramref name="properties"/>, in evaluation order.</summary>
    public static IReadOnlyList<PropertySetter> FindSetters(string preprocessedXml, IReadOnlyCollection<string> properties)
    {
        var document = XDocument.Parse(preprocessedXml);
        var setters = new List<PropertySetter>();
        var file = string.Empty;
        foreach (var node in document.DescendantNodes())
        {
            // An import's banner: "=====\n  <Import Project=...>\n\n/full/path/of/the/file\n=====". The path line names
            // the file the following elements come from (also where an import ends and the importing file resumes).
            if (node is XComment comment && comment.Value.Contains("=====", StringComparison.Ordinal) && BannerFile(comment.Value) is { } banner)
            {
                file = banner;
            }
            else if (node is XElement element && element.Parent?.Name.LocalName == "PropertyGroup" && properties.Contains(element.Name.LocalName))
            {
                var target = element.Ancestors().FirstOrDefault(a => a.Name.LocalName == "Target");
                setters.Add(new PropertySetter(file, (string?)target?.Attribute("Name"), element.Name.LocalName, element.Value.Trim()));
            }
        }

        return setters;
    }

    private static string? BannerFile(string comment) =>
        comment.Split('\n')
            .Select(l => l.Trim())
            .LastOrDefault(l => l.Length > 0 && !l.StartsWith('<') && !l.StartsWith('=') && Path.IsPathFullyQualified(l));
}
