namespace Acme.Toolkit;

public static class Names
{
    public static string Normalize(string name) => Guard.NotEmpty(name, nameof(name)).Trim().ToLowerInvariant();

#if LEGACY
    public static string Platform => "netstandard2.0";
#else
    public static string Platform => "net10.0";
#endif
}
