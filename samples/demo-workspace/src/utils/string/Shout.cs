namespace Utils.String;

public static class Shout
{
    public static string Loud(string text) => text.ToUpperInvariant() + "!";
}
