namespace BitBuild.Engine.Naming;

/// <summary>How a name the user gave is quoted in a message: whole when short, cut with its length when long (a 300-character id would drown the message).</summary>
internal static class NameText
{
    private const int ShownLength = 60;

    public static string Quote(string name) =>
        name.Length <= ShownLength ? $"'{name}'" : $"'{name[..ShownLength]}…' ({name.Length} characters)";
}
