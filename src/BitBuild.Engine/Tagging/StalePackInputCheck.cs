using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Tagging;

/// <summary>
/// After tag's build and pack: no file a package takes from a bin or obj folder (a bundled generator's DLL, packed by
/// path) is left from an earlier build. Such a file must be in a folder this build wrote its outputs to (MSBuild's
/// "Project -> output" lines, printed also for projects that were up to date), or have been written since the build
/// started; otherwise the package would carry whatever an older build of another configuration, or of older sources,
/// left there, under an immutable version. The packed files are what NuGet's own <c>_GetPackageFiles</c> collected,
/// recorded per component by the generated targets (see <see cref="RecordTarget"/>).
/// </summary>
internal static partial class StalePackInputCheck
{
    /// <summary>The target, in tag's generated targets, that records each component's packed files to <c>$(_BitPackedFilesList)</c>.</summary>
    public const string RecordTarget = """
          <Target Name="BitRecordPackedFiles" AfterTargets="_GetPackageFiles" Condition="'$(_BitPackedFilesList)' != ''">
            <!-- One file per evaluation: inner builds of a multi-targeting project may run in parallel. -->
            <WriteLinesToFile File="$(_BitPackedFilesList).$(TargetFramework).txt" Lines="@(_PackageFiles->'%(FullPath)')" Overwrite="true" />
          </Target>

        """;

    /// <summary>Where the generated targets make a component's project record its packed files.</summary>
    public static string ListPrefix(string workFolder, string componentId) => Path.Combine(workFolder, "packed", componentId.Replace('/', '.'));

    public static void Require(Workspace workspace, IReadOnlyList<PackRequest> requests, string workFolder, string buildOutput, DateTime buildStartedUtc)
    {
        var written = BuiltLine().Matches(buildOutput)
            .Select(m => Path.GetDirectoryName(m.Groups["output"].Value.Trim()))
            .OfType<string>()
            .Select(folder => Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar)
            .Distinct()
            .ToList();
        var root = Path.TrimEndingDirectorySeparator(workspace.Root) + Path.DirectorySeparatorChar;
        foreach (var request in requests)
        {
            var prefix = ListPrefix(workFolder, request.Manifest.Id);
            var folder = Path.GetDirectoryName(prefix)!;
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var packed = Directory.GetFiles(folder, Path.GetFileName(prefix) + ".*.txt")
                .SelectMany(File.ReadAllLines)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && line.StartsWith(root, StringComparison.Ordinal))
                .Distinct();
            foreach (var file in packed)
            {
                var inBuildOutput = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj");
                if (!inBuildOutput || written.Any(w => file.StartsWith(w, StringComparison.Ordinal)) || !File.Exists(file)
                    || File.GetLastWriteTimeUtc(file) >= buildStartedUtc)
                {
                    continue;
                }

                var project = workspace.Relative(request.ProjectPath);
                throw new BitException(
                    DiagnosticCodes.StalePackInput,
                    $"{request.Manifest.Id}: {project} packs {workspace.Relative(file)}, which this tag's build did not write: it was left by an earlier build " +
                    "(of another configuration, or of older sources), so the package would carry stale content; nothing was tagged. " +
                    $"Reference the project that builds it from {project} (<ProjectReference Include=\"…\" ReferenceOutputAssembly=\"false\" />) so that tag builds it " +
                    "in the component's configuration, or correct the item's path; then tag again.",
                    request.ProjectPath);
            }
        }
    }

    // "  Generator -> /repo/src/Generator/bin/Release/netstandard2.0/Generator.dll": one project built for one framework.
    [GeneratedRegex(@"^\s*[^\s]+ -> (?<output>\S.*)$", RegexOptions.Multiline)]
    private static partial Regex BuiltLine();
}
