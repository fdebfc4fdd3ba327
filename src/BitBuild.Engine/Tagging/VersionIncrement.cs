using BitBuild.Engine.Diagnostics;
using NuGet.Versioning;

namespace BitBuild.Engine.Tagging;

public enum IncrementKind
{
    Patch,
    Minor,
    Major,
    PreRelease,
}

/// <summary>
/// How the next version is chosen: an explicit version (must be greater than the last), or an increment of the last one
/// as Bit does: the first tag is 0.0.1 (patch), 0.1.0 (minor), 1.0.0 (major); <c>--pre-release beta</c> gives
/// 0.0.2-beta.0 after 0.0.1 and 0.0.2-beta.1 after 0.0.2-beta.0.
/// </summary>
public sealed record VersionIncrement(IncrementKind Kind, string? PreReleaseLabel = null, string? ExplicitVersion = null)
{
    public static readonly VersionIncrement DefaultPatch = new(IncrementKind.Patch);

    /// <summary>
    /// The longest version: a folder scope holds <c>{package id}.{version}.nupkg.sha512</c>, and with a 100-character
    /// package id a 64-character version keeps that file name far inside the 255 every file system allows.
    /// </summary>
    public const int MaxVersionLength = 64;

    public static NuGetVersion ParseExplicit(string text)
    {
        if (text.Length > MaxVersionLength)
        {
            throw new BitException(
                DiagnosticCodes.InvalidVersion,
                $"{Naming.NameText.Quote(text)} is too long for a version: versions have at most {MaxVersionLength} characters.") { IsUsageError = true };
        }

        if (!NuGetVersion.TryParseStrict(text, out var version))
        {
            // Git tags are often written v1.0.0; a package version never is.
            var hint = text.Length > 1 && text[0] is 'v' or 'V' && NuGetVersion.TryParseStrict(text[1..], out var withoutV)
                ? $" Versions have no 'v' prefix: write {withoutV.ToNormalizedString()}."
                : " Write it as MAJOR.MINOR.PATCH with an optional pre-release, e.g. 1.0.0 or 1.2.0-beta.1.";
            throw new BitException(DiagnosticCodes.InvalidVersion, $"{Naming.NameText.Quote(text)} is not a valid version.{hint}") { IsUsageError = true };
        }

        return version;
    }

    /// <summary>Checks the explicit version or the pre-release label, whether or not any component will need them.</summary>
    public void Validate()
    {
        if (ExplicitVersion is not null)
        {
            ParseExplicit(ExplicitVersion);
        }

        if (Kind == IncrementKind.PreRelease)
        {
            ValidateLabel(Label);
        }
    }

    public NuGetVersion Next(string componentId, string? lastVersion)
    {
        if (Kind == IncrementKind.PreRelease)
        {
            ValidateLabel(Label);
        }

        var last = lastVersion is null ? null : NuGetVersion.Parse(lastVersion);
        if (ExplicitVersion is not null)
        {
            var requested = ParseExplicit(ExplicitVersion);
            if (last is not null && requested <= last)
            {
                throw new BitException(
                    DiagnosticCodes.VersionNotGreater,
                    $"Cannot tag {componentId} {requested.ToNormalizedString()}: its last version is {last.ToNormalizedString()}, and a new version must be greater. " +
                    "Pick a higher version, or leave the version out to take the next patch.");
            }

            return requested;
        }

        if (last is null)
        {
            return Kind switch
            {
                IncrementKind.Major => new NuGetVersion(1, 0, 0),
                IncrementKind.Minor => new NuGetVersion(0, 1, 0),
                IncrementKind.PreRelease => new NuGetVersion(0, 0, 1, new[] { Label, "0" }, null),
                _ => new NuGetVersion(0, 0, 1),
            };
        }

        // As semver's inc (which Bit uses): a pre-release of x.0.0 / x.y.0 is released by --major / --minor, not skipped.
        return Kind switch
        {
            IncrementKind.Major => last.IsPrerelease && last.Minor == 0 && last.Patch == 0 ? new NuGetVersion(last.Major, 0, 0) : new NuGetVersion(last.Major + 1, 0, 0),
            IncrementKind.Minor => last.IsPrerelease && last.Patch == 0 ? new NuGetVersion(last.Major, last.Minor, 0) : new NuGetVersion(last.Major, last.Minor + 1, 0),
            IncrementKind.PreRelease => NextPreRelease(last),
            _ => last.IsPrerelease ? new NuGetVersion(last.Major, last.Minor, last.Patch) : new NuGetVersion(last.Major, last.Minor, last.Patch + 1),
        };
    }

    private string Label => PreReleaseLabel ?? "pre";

    /// <summary>
    /// The label becomes part of a SemVer version and a package file name: reject what SemVer does not allow here, before
    /// anything is built (otherwise MSBuild's Pack fails with an unrelated-looking restore error).
    /// </summary>
    private static void ValidateLabel(string label)
    {
        if (label.Length > MaxVersionLength - "1.0.0-.0".Length || !NuGetVersion.TryParseStrict($"1.0.0-{label}.0", out _) || label.Contains('.', StringComparison.Ordinal) || label.Contains('+', StringComparison.Ordinal))
        {
            throw new BitException(
                DiagnosticCodes.InvalidVersion,
                $"'{label}' is not a valid pre-release label: use letters, digits and '-' (e.g. beta, rc, preview-2).") { IsUsageError = true };
        }
    }

    private NuGetVersion NextPreRelease(NuGetVersion last)
    {
        var labels = last.ReleaseLabels.ToList();
        if (last.IsPrerelease && labels.Count == 2 && string.Equals(labels[0], Label, StringComparison.OrdinalIgnoreCase) && int.TryParse(labels[1], out var n))
        {
            return new NuGetVersion(last.Major, last.Minor, last.Patch, new[] { Label, (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }, null);
        }

        var core = last.IsPrerelease ? new NuGetVersion(last.Major, last.Minor, last.Patch) : new NuGetVersion(last.Major, last.Minor, last.Patch + 1);
        var candidate = new NuGetVersion(core.Major, core.Minor, core.Patch, new[] { Label, "0" }, null);
        return candidate > last ? candidate : new NuGetVersion(core.Major, core.Minor, core.Patch + 1, new[] { Label, "0" }, null);
    }
}
