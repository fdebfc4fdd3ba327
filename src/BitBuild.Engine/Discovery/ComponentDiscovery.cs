using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Processes;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Discovery;

/// <summary>
/// Asks MSBuild itself which components and remotes the workspace declares, so the CLI sees exactly what every project
/// sees: a probe project at the workspace's level imports the root <c>Directory.Build.props</c> (which imports the
/// declarations file) and <c>dotnet msbuild -getItem</c> returns the evaluated items, globs and conditions applied.
/// With <c>describeReferences</c> the same single MSBuild run also lists each component's ProjectReferences.
/// </summary>
public static class ComponentDiscovery
{
    public static WorkspaceDeclarations Evaluate(Workspace workspace) => Evaluate(workspace, describeReferences: false).Declarations;

    public static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, IReadOnlyList<string>> References) Evaluate(Workspace workspace, bool describeReferences) =>
        Evaluate(workspace, describeReferences, requireProjects: true);

    /// <summary>
    /// The declarations even when a component's project is missing: for eject, which checks after moving a component's
    /// folder away that no item still declares it.
    /// </summary>
    public static WorkspaceDeclarations EvaluateAllowingMissingProjects(Workspace workspace) =>
        Evaluate(workspace, describeReferences: false, requireProjects: false).Declarations;

    private static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, IReadOnlyList<string>> References) Evaluate(Workspace workspace, bool describeReferences, bool requireProjects)
    {
        var probeFolder = Path.Combine(workspace.TempFolder, OwnedTempName.Create(WorkspaceLeftovers.ProbePrefix));
        Directory.CreateDirectory(probeFolder);
        try
        {
            var probe = Path.Combine(probeFolder, "BitProbe.proj");
            var describeTargets = Path.Combine(probeFolder, "BitDescribe.targets");
            File.WriteAllText(probe, ProbeProject(workspace, describeTargets));
            File.WriteAllText(describeTargets, DescribeTargets);
            var args = new List<string> { "msbuild", probe, "-nologo", "-getItem:BitComponent", "-getItem:BitRemote", "-getProperty:BitDefaultScope", "-getProperty:BitScopeHub", "-getProperty:MSBuildAllProjects" };
            if (describeReferences)
            {
                args.Add("-t:BitDescribeComponents");
                args.Add("-getTargetResult:BitDescribeComponents");
            }

            var result = DotNetCli.Run(args, workspace.Root);
            if (result.ExitCode != 0)
            {
                throw new BitException(
                    DiagnosticCodes.MsBuildEvaluationFailed,
                    $"MSBuild could not evaluate the workspace declarations ({workspace.DeclarationsPath}):\n{ErrorLines(result.CombinedOutput)}",
                    workspace.DeclarationsPath);
            }

            return Parse(workspace, result.StandardOutput, describeReferences, requireProjects);
        }
        finally
        {
            TryDelete(probeFolder);
        }
    }

    private static string ProbeProject(Workspace workspace, string describeTargets)
    {
        var dbp = System.Security.SecurityElement.Escape(workspace.DirectoryBuildPropsPath);
        var decl = System.Security.SecurityElement.Escape(workspace.DeclarationsPath);
        var describe = System.Security.SecurityElement.Escape(describeTargets);
        return $"""
            <Project>
              <Import Project="{dbp}" Condition="Exists('{dbp}')" />
              <!-- When Directory.Build.props does not import the declarations, import them directly. -->
              <Import Project="{decl}" Condition="'$(BitWorkspaceRoot)' == '' and Exists('{decl}')" />
              <Target Name="BitDescribeComponents" Returns="@(_BitProjectReference)">
                <MSBuild Projects="@(BitComponent)" Targets="BitListProjectReferences" BuildInParallel="true" SkipNonexistentProjects="true"
                         Properties="CustomAfterMicrosoftCommonTargets={describe};CustomAfterMicrosoftCommonCrossTargetingTargets={describe};BitDescribing=true">
                  <Output TaskParameter="TargetOutputs" ItemName="_BitProjectReference" />
                </MSBuild>
              </Target>
            </Project>
            """;
    }

    private const string DescribeTargets = """
        <Project>
          <Target Name="BitListProjectReferences" Returns="@(_BitProjectReference)">
            <ItemGroup>
              <_BitProjectReference Include="$(MSBuildProjectFullPath)" Reference="" />
              <_BitProjectReference Include="@(ProjectReference->'%(FullPath)')" ReferencingProject="$(MSBuildProjectFullPath)" />
            </ItemGroup>
          </Target>
        </Project>
        """;

    private static (WorkspaceDeclarations, IReadOnlyDictionary<string, IReadOnlyList<string>>) Parse(Workspace workspace, string json, bool describeReferences, bool requireProjects)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var components = new List<DeclaredComponent>();
        var remotes = new List<DeclaredRemote>();
        string? defaultScope = null;
        string? scopeHub = null;
        if (root.TryGetProperty("Properties", out var hubProperties) && hubProperties.TryGetProperty("BitScopeHub", out var hubValue))
        {
            scopeHub = NullIfEmpty(hubValue.GetString());
        }

        if (root.TryGetProperty("Properties", out var properties) && properties.TryGetProperty("BitDefaultScope", out var scopeValue))
        {
            defaultScope = NullIfEmpty(scopeValue.GetString());
            if (defaultScope is not null)
            {
                ScopeName.Validate(defaultScope, "the BitDefaultScope property", workspace.DeclarationsPath);
            }
        }

        if (root.TryGetProperty("Items", out var items))
        {
            if (items.TryGetProperty("BitComponent", out var componentItems))
            {
                foreach (var item in componentItems.EnumerateArray())
                {
                    var fullPath = Path.GetFullPath(item.GetProperty("FullPath").GetString()!);
                    var id = NullIfEmpty(Metadata(item, "Id"))
                        ?? ComponentId.FromFolder(workspace.Relative(Path.GetDirectoryName(fullPath)!));
                    var itemName = $"BitComponent {workspace.Relative(fullPath)}";
                    if (requireProjects)
                    {
                        RequireProject(workspace, fullPath, itemName);
                    }

                    ComponentId.Validate(id, itemName, workspace.DeclarationsPath);
                    var scope = NullIfEmpty(Metadata(item, "Scope"));
                    if (scope is not null)
                    {
                        ScopeName.Validate(scope, $"the Scope metadata of {itemName}", workspace.DeclarationsPath);
                    }

                    // Both names can be valid and still make a package id NuGet refuses: say so here, not at the first export.
                    if ((scope ?? defaultScope) is { } effectiveScope)
                    {
                        PackageIds.InScope(effectiveScope, id, scope is null ? $"{itemName}, scope from BitDefaultScope" : itemName, workspace.DeclarationsPath);
                    }

                    components.Add(new DeclaredComponent(id, fullPath, scope));
                }
            }

            if (items.TryGetProperty("BitRemote", out var remoteItems))
            {
                foreach (var item in remoteItems.EnumerateArray())
                {
                    var name = item.GetProperty("Identity").GetString()!;
                    ScopeName.Validate(name, $"the BitRemote item {name}", workspace.DeclarationsPath);
                    remotes.Add(new DeclaredRemote(name, Metadata(item, "Source") ?? string.Empty));
                }
            }
        }

        components = Deduplicate(components);
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (describeReferences && root.TryGetProperty("TargetResults", out var targetResults)
            && targetResults.TryGetProperty("BitDescribeComponents", out var describe) && describe.TryGetProperty("Items", out var refs))
        {
            var byPath = new Dictionary<string, List<string>>(PathComparer);
            foreach (var item in refs.EnumerateArray())
            {
                var owner = NullIfEmpty(Metadata(item, "ReferencingProject"));
                var path = Path.GetFullPath(item.GetProperty("Identity").GetString()!);
                if (owner is null)
                {
                    byPath.TryAdd(path, []);
                    continue;
                }

                if (!byPath.TryGetValue(Path.GetFullPath(owner), out var list))
                {
                    list = [];
                    byPath[Path.GetFullPath(owner)] = list;
                }

                if (!list.Contains(path, PathComparer))
                {
                    list.Add(path);
                }
            }

            foreach (var component in components)
            {
                references[component.Id] = byPath.TryGetValue(component.ProjectPath, out var list) ? list : [];
            }
        }

        // The files the evaluation read: what DeclarationsCache keys on (the probe itself, in .bit/tmp, is left out).
        var imports = root.TryGetProperty("Properties", out var props) && props.TryGetProperty("MSBuildAllProjects", out var all)
            ? (all.GetString() ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .Where(f => !f.StartsWith(workspace.TempFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Distinct(PathComparer)
                .ToList()
            : [];
        return (new WorkspaceDeclarations(components, remotes, defaultScope) { ImportedFiles = imports, ScopeHub = scopeHub }, references);
    }

    /// <summary>
    /// A declared component whose project is gone (a moved or deleted folder, a typo in the item) would otherwise fail
    /// deep inside hashing, packing or eject: name the item and the path here, for every command alike.
    /// </summary>
    private static void RequireProject(Workspace workspace, string fullPath, string itemName)
    {
        if (File.Exists(fullPath))
        {
            if (!fullPath.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
            {
                throw new BitException(
                    DiagnosticCodes.ProjectNotFound,
                    $"The {itemName} item names {fullPath}, which is not a project file. " +
                    "A component is an SDK-style project: point the item at its .csproj (or .fsproj, .vbproj).",
                    workspace.DeclarationsPath);
            }

            return;
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var what = Directory.Exists(fullPath)
            ? $"{fullPath}, which is a folder; point the item at the project file inside it"
            : Directory.Exists(folder)
                ? $"the project file {fullPath}, which does not exist (its folder does)"
                : $"the project file {fullPath}, whose folder {workspace.Relative(folder)} does not exist";
        throw new BitException(
            DiagnosticCodes.ProjectNotFound,
            $"The {itemName} item names {what}. Restore the project (e.g. 'git checkout -- {workspace.Relative(folder)}'), " +
            "or, if the component is gone, remove its BitComponent item (to replace it by its exported package, restore it and run 'dotnet bit eject').",
            workspace.DeclarationsPath);
    }

    private static List<DeclaredComponent> Deduplicate(List<DeclaredComponent> components)
    {
        var result = new List<DeclaredComponent>();
        foreach (var group in components.GroupBy(c => c.ProjectPath, PathComparer))
        {
            // A project matched by a glob and also listed explicitly: the item with explicit metadata (last one) wins, as in MSBuild's own Update semantics.
            result.Add(group.Last());
        }

        foreach (var clash in result.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            throw new BitException(
                DiagnosticCodes.DuplicateComponentId,
                $"Component id '{clash.Key}' is declared for more than one project: {string.Join(", ", clash.Select(c => c.ProjectPath))}. " +
                "Give each BitComponent item its own Id metadata.");
        }

        return result.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    internal static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static string? Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static string ErrorLines(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains("error MSB", StringComparison.Ordinal)).Distinct().ToList();
        return lines.Count > 0 ? string.Join('\n', lines) : output.Trim();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
