using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Naming;

/// <summary>A remote scope (Bit's "collection") name such as <c>user.my-collection</c>: segments <c>[a-z0-9][a-z0-9_-]*</c> joined by '.'.</summary>
public static partial class ScopeName
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*$")]
    private static partial Regex ValidScope();

    public static bool IsValid(string scope) => ValidScope().IsMatch(scope);

    public static string Validate(string scope)
    {
        if (!IsValid(scope))
        {
            throw new BitException(
                DiagnosticCodes.InvalidScopeName,
                $"'{scope}' is not a valid scope name. Scope names are lower-case segments of letters, digits, '-' and '_', " +
                "each starting with a letter or digit, joined by '.', e.g. 'user.my-collection'.");
        }

        return scope;
    }
}
