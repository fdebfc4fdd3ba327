namespace Acme.Toolkit.Text;

public static class Slug
{
    public static string Of(string title) => string.Join('-', Names.Normalize(Guard.NotEmpty(title, nameof(title))).Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
}
