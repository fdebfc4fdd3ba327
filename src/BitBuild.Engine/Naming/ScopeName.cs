using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;
using NuGet.Packaging;

namespace BitBuild.Engine.Naming;

/// <summary>A remote scope (Bit's "collection") name such as <c>user.my-collection</c>: segments <c>[a-z0-9][a-z0-9_-]*</c> joined by '.'.</summary>
public static partial class ScopeName
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*$")]
    private static partial Regex ValidScope();

    /// <summary>
    /// The longest scope name: a scope's packages are <c>{scope}.{id}</c>, NuGet refuses package ids of more than 100
    /// characters, and the shortest id is one character, so 100 - 2. Whether a given scope and id fit together is checked
    /// as a package id (BIT3002) wherever both are known.
    /// </summary>
    public const int MaxLength = PackageIdValidator.MaxPackageIdLength - 2;

    public static bool IsValid(string scope) => scope.Length <= MaxLength && ValidScope().IsMatch(scope);

    /// <summary>Checks a scope name read from a file, a declaration or a request; <paramref name="where"/> says where it came from.</summary>
    public static string Validate(string scope, string? where = null, string? file = null)
    {
        if (!IsValid(scope))
        {
            throw Invalid(scope, where, file, usageError: false);
        }

        return scope;
    }

    /// <summary>Checks a scope name typed on the command line: a bad one is a usage error (exit code 2).</summary>
    public static string ValidateArgument(string scope, string where)
    {
        if (!IsValid(scope))
        {
            throw Invalid(scope, where, null, usageError: true);
        }

        return scope;
    }

    private static BitException Invalid(string scope, string? where, string? file, bool usageError)
    {
        var source = where is null ? "" : $" ({where})";
        var message = scope.Length > MaxLength
            ? $"{NameText.Quote(scope)} is too long for a scope name{source}: scope names have at most {MaxLength} characters, so that " +
              $"'{{scope}}.{{id}}' package ids fit NuGet's limit of {PackageIdValidator.MaxPackageIdLength}. Choose a shorter name."
            : $"{NameText.Quote(scope)} is not a valid scope name{source}. Scope names are lower-case segments of letters, digits, '-' and '_', " +
              "each starting with a letter or digit, joined by '.', e.g. 'user.my-collection'.";
        return new BitException(DiagnosticCodes.InvalidScopeName, message, file) { IsUsageError = usageError };
    }
}
