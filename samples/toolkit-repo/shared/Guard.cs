namespace Acme.Toolkit;

/// <summary>Argument checks shared by several projects as linked source (not a project of its own).</summary>
internal static class Guard
{
    public static string NotEmpty(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new System.ArgumentException($"{name} must not be empty", name) : value!;
}
