using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Files;
using BitBuild.Engine.MsBuild;
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

    public static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, ProjectDescription> Projects) Evaluate(Workspace workspace, bool describeReferences) =>
        Evaluate(workspace, describeReferences, requireProjects: true);

    /// <summary>
    /// The declarations even when a component's project is missing: for eject, which checks after moving a component's
    /// folder away that no item still declares it.
    /// </summary>
    public static WorkspaceDeclarations EvaluateAllowingMissingProjects(Workspace workspace) =>
        Evaluate(workspace, describeReferences: false, requireProjects: false).Declarations;

    private static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, ProjectDescription> Projects) Evaluate(Workspace workspace, bool describeReferences, bool requireProjects)
    {
        var (json, imports) = Run(workspace, describeReferences);
        return Parse(workspace, json, imports, requireProjects);
    }

    /// <summary>
    /// The MSBuild run itself: its JSON output (<c>-getItem</c>, <c>-getTargetResult</c>) and, when describing, which file
    /// imported which. <see cref="DescriptionCache"/> keeps both, so a later status can parse them again without MSBuild.
    /// </summary>
    internal static (string Json, ImportGraph? Imports) Run(Workspace workspace, bool describeReferences)
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
            var importsLog = Path.Combine(probeFolder, "imports.log");
            Dictionary<string, string?>? environment = null;
            if (describeReferences)
            {
                args.Add("-t:BitDescribeComponents");
                args.Add("-getTargetResult:BitDescribeComponents");

                // Which MSBuild files each component's evaluation imports (Directory.Build.*, eng/*.targets): see ImportGraph.
                // Detailed is the lowest verbosity that keeps MSBuild's low-importance import messages: a third of diagnostic's log.
                args.Add($"-flp:v=detailed;logfile={importsLog}");
                environment = new Dictionary<string, string?> { [ImportGraph.LogImportsVariable] = "1" };
            }

            var result = DotNetCli.Run(args, workspace.Root, extraEnvironment: environment);
            if (result.ExitCode != 0)
            {
                throw new BitException(
                    DiagnosticCodes.MsBuildEvaluationFailed,
                    $"MSBuild could not evaluate the workspace declarations ({workspace.DeclarationsPath}):\n{ErrorLines(result.CombinedOutput)}",
                    workspace.DeclarationsPath);
            }

            return (result.StandardOutput, describeReferences ? ImportGraph.FromLogFile(importsLog) : null);
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
                <!-- Only project files: an item naming anything else is reported as BIT1008 from the declarations, not as MSBuild's load error. -->
                <ItemGroup>
                  <_BitDescribedProject Include="@(BitComponent)" Condition="$([System.String]::Copy('%(BitComponent.Extension)').EndsWith('proj')) and Exists('%(BitComponent.FullPath)')" />
                </ItemGroup>
                <MSBuild Projects="@(_BitDescribedProject)" Targets="BitListProjectReferences" BuildInParallel="true" SkipNonexistentProjects="true"
                         Properties="CustomAfterMicrosoftCommonTargets={describe};CustomAfterMicrosoftCommonCrossTargetingTargets={describe};BitDescribing=true;BitTagging=true">
                  <Output TaskParameter="TargetOutputs" ItemName="_BitProjectReference" />
                </MSBuild>
              </Target>
            </Project>
            """;
    }

    /// <summary>
    /// Run in each component's project: the project itself (with what decides whether Pack can package it), its
    /// ProjectReferences, and the files it packs that do not exist (MSBuild keeps a non-wildcard item whose file is
    /// missing). Files under the folders the build writes are left out: the build itself creates those.
    /// </summary>
    private const string DescribeTargets = """
        <Project>
          <Target Name="BitListProjectReferences" Returns="@(_BitProjectReference)">
            <PropertyGroup>
              <_BitBuildOutputFolders Condition="'$(BaseOutputPath)' != ''">$([System.IO.Path]::GetFullPath('$(MSBuildProjectDirectory)/$(BaseOutputPath)'))</_BitBuildOutputFolders>
              <_BitBuildOutputFolders Condition="'$(BaseIntermediateOutputPath)' != ''">$(_BitBuildOutputFolders);$([System.IO.Path]::GetFullPath('$(MSBuildProjectDirectory)/$(BaseIntermediateOutputPath)'))</_BitBuildOutputFolders>
              <_BitBuildOutputFolders Condition="'$(UseArtifactsOutput)' == 'true' and '$(ArtifactsPath)' != ''">$(_BitBuildOutputFolders);$([System.IO.Path]::GetFullPath('$(ArtifactsPath)'))</_BitBuildOutputFolders>
            </PropertyGroup>
            <ItemGroup>
              <_BitPackInput Include="@(None)" Condition="'%(None.Pack)' == 'true'" />
              <_BitPackInput Include="@(Content)" Condition="'%(Content.Pack)' == 'true'" />
              <_BitProjectReference Include="$(MSBuildProjectFullPath)" Reference="" IsPackable="$(IsPackable)" UsingMicrosoftNETSdk="$(UsingMicrosoftNETSdk)" BuildOutputFolders="$(_BitBuildOutputFolders)" />
              <_BitProjectReference Include="@(ProjectReference->'%(FullPath)')" ReferencingProject="$(MSBuildProjectFullPath)" />
              <_BitProjectReference Include="@(_BitPackInput->'%(FullPath)')" MissingPackInputOf="$(MSBuildProjectFullPath)" Condition="!Exists('%(_BitPackInput.FullPath)')" />
              <_BitSourceInput Include="@(Compile);@(EmbeddedResource);@(AdditionalFiles);@(_BitPackInput)" />
              <_BitProjectReference Include="@(_BitSourceInput->'%(FullPath)')" BuildInputOf="$(MSBuildProjectFullPath)" Condition="Exists('%(_BitSourceInput.FullPath)')" />
              <_BitProjectReference Include="@(PackageReference->'package:%(Identity)')" PackageOf="$(MSBuildProjectFullPath)" PackageVersion="%(PackageReference.VersionOverride)" FallbackVersion="%(PackageReference.Version)" DefinedIn="%(PackageReference.DefiningProjectFullPath)" />
              <_BitProjectReference Include="@(PackageVersion->'package:%(Identity)')" CentralPackageVersionOf="$(MSBuildProjectFullPath)" PackageVersion="%(PackageVersion.Version)" DefinedIn="%(PackageVersion.DefiningProjectFullPath)" />
            </ItemGroup>
          </Target>
        </Project>
        """;

    internal static (WorkspaceDeclarations Declarations, IReadOnlyDictionary<string, ProjectDescription> Projects) Parse(Workspace workspace, string json, ImportGraph? imports, bool requireProjects)
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
        var projects = new Dictionary<string, ProjectDescription>(StringComparer.Ordinal);
        if (imports is not null && root.TryGetProperty("TargetResults", out var targetResults)
            && targetResults.TryGetProperty("BitDescribeComponents", out var describe) && describe.TryGetProperty("Items", out var refs))
        {
            projects = DescribeProjects(workspace, components, refs, imports);
        }

        // The files the evaluation read: what DeclarationsCache keys on (the probe itself, in .bit/tmp, is left out).
        var importedFiles = root.TryGetProperty("Properties", out var props) && props.TryGetProperty("MSBuildAllProjects", out var all)
            ? (all.GetString() ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .Where(f => !f.StartsWith(workspace.TempFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Distinct(PathComparer)
                .ToList()
            : [];
        return (new WorkspaceDeclarations(components, remotes, defaultScope) { ImportedFiles = importedFiles, ScopeHub = scopeHub }, projects);
    }

    /// <summary>Groups what BitListProjectReferences returned by the component whose project it describes.</summary>
    private static Dictionary<string, ProjectDescription> DescribeProjects(Workspace workspace, List<DeclaredComponent> components, JsonElement items, ImportGraph imports)
    {
        var root = Path.TrimEndingDirectorySeparator(workspace.Root) + Path.DirectorySeparatorChar;
        var references = new Dictionary<string, List<string>>(PathComparer);
        var buildOnly = new Dictionary<string, List<string>>(PathComparer);
        var missing = new Dictionary<string, List<string>>(PathComparer);
        var selves = new Dictionary<string, JsonElement>(PathComparer);
        var inputs = new Dictionary<string, List<string>>(PathComparer);
        var packages = new Dictionary<string, Dictionary<string, PackageInput>>(PathComparer);
        var central = new Dictionary<string, Dictionary<string, PackageInput>>(PathComparer);
        foreach (var item in items.EnumerateArray())
        {
            var identity = item.GetProperty("Identity").GetString()!;
            if (NullIfEmpty(Metadata(item, "PackageOf")) is { } referencing)
            {
                var version = NullIfEmpty(Metadata(item, "PackageVersion")) ?? NullIfEmpty(Metadata(item, "FallbackVersion"));
                PackagesOf(packages, Path.GetFullPath(referencing))[identity["package:".Length..]] = new PackageInput(version, NullIfEmpty(Metadata(item, "DefinedIn")));
                continue;
            }

            if (NullIfEmpty(Metadata(item, "CentralPackageVersionOf")) is { } centrally)
            {
                PackagesOf(central, Path.GetFullPath(centrally))[identity["package:".Length..]] = new PackageInput(NullIfEmpty(Metadata(item, "PackageVersion")), NullIfEmpty(Metadata(item, "DefinedIn")));
                continue;
            }

            var path = Path.GetFullPath(identity);
            if (NullIfEmpty(Metadata(item, "BuildInputOf")) is { } built)
            {
                AddTo(inputs, Path.GetFullPath(built), path);
            }
            else if (NullIfEmpty(Metadata(item, "MissingPackInputOf")) is { } packer)
            {
                AddTo(missing, Path.GetFullPath(packer), path);
            }
            else if (NullIfEmpty(Metadata(item, "ReferencingProject")) is { } owner)
            {
                AddTo(ProjectReferenceKind.IsBuildOnly(Metadata(item, "ReferenceOutputAssembly"), Metadata(item, "PrivateAssets")) ? buildOnly : references, Path.GetFullPath(owner), path);
            }
            else
            {
                selves[path] = item;
            }
        }

        var result = new Dictionary<string, ProjectDescription>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            var self = selves.TryGetValue(component.ProjectPath, out var found) ? found : (JsonElement?)null;
            var outputFolders = (self is { } s ? Metadata(s, "BuildOutputFolders") ?? string.Empty : string.Empty)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => Path.TrimEndingDirectorySeparator(f) + Path.DirectorySeparatorChar)
                .ToList();
            var componentFolder = Path.TrimEndingDirectorySeparator(component.Folder) + Path.DirectorySeparatorChar;
            result[component.Id] = new ProjectDescription(references.TryGetValue(component.ProjectPath, out var list) ? list : [])
            {
                OutsideInputs = (inputs.TryGetValue(component.ProjectPath, out var read) ? read : [])
                    .Where(f => f.StartsWith(root, StringComparison.Ordinal) && !f.StartsWith(componentFolder, StringComparison.Ordinal))
                    .Where(f => !outputFolders.Any(o => f.StartsWith(o, StringComparison.Ordinal)))
                    .Where(f => !IsUnderBuildOutput(root, f))
                    .Order(StringComparer.Ordinal)
                    .ToList(),
                BuildOnlyReferences = (buildOnly.TryGetValue(component.ProjectPath, out var tools) ? tools : [])
                    .Concat(PackedOutputProjects.Of(
                        workspace.Root,
                        (inputs.TryGetValue(component.ProjectPath, out var packed) ? packed : []).Concat(missing.TryGetValue(component.ProjectPath, out var unbuilt) ? unbuilt : []),
                        component.ProjectPath))
                    .Distinct(PathComparer)
                    .ToList(),
                ImportedFiles = imports.WorkspaceImportsOf(component.ProjectPath, workspace.Root)
                    .Where(f => !f.StartsWith(componentFolder, StringComparison.Ordinal) && !IsCoveredElsewhere(workspace, f))
                    .Where(f => !IsUnderBuildOutput(root, f))
                    .ToList(),
                Packages = ResolvePackages(
                    packages.TryGetValue(component.ProjectPath, out var referenced) ? referenced : [],
                    central.TryGetValue(component.ProjectPath, out var versions) ? versions : []),
                IsPackable = self is not { } p || !string.Equals(Metadata(p, "IsPackable"), "false", StringComparison.OrdinalIgnoreCase),
                IsSdkStyle = self is not { } q || string.Equals(Metadata(q, "UsingMicrosoftNETSdk"), "true", StringComparison.OrdinalIgnoreCase),
                // Also not what another project's build writes (a bundled generator's bin/$(Configuration)/…): tag builds it.
                MissingPackInputs = (missing.TryGetValue(component.ProjectPath, out var files) ? files : [])
                    .Where(f => !outputFolders.Any(o => f.StartsWith(o, StringComparison.Ordinal)))
                    .Where(f => !IsUnderBuildOutput(root, f))
                    .ToList(),
            };
        }

        return result;
    }

    /// <summary>Whether a file is in a bin or obj folder of the workspace: what builds write, not sources.</summary>
    private static bool IsUnderBuildOutput(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj");

    /// <summary>
    /// Imported workspace files whose changes count otherwise: the declarations file (adding a component changes no
    /// build), Directory.Packages.props (the package versions it sets are recorded one by one), BitBuild's own files.
    /// </summary>
    private static bool IsCoveredElsewhere(Workspace workspace, string file) =>
        PathComparer.Equals(file, workspace.DeclarationsPath)
        || string.Equals(Path.GetFileName(file), "Directory.Packages.props", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith(Path.TrimEndingDirectorySeparator(workspace.BitFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static Dictionary<string, PackageInput> PackagesOf(Dictionary<string, Dictionary<string, PackageInput>> byProject, string project)
    {
        if (!byProject.TryGetValue(project, out var map))
        {
            map = new Dictionary<string, PackageInput>(StringComparer.OrdinalIgnoreCase);
            byProject[project] = map;
        }

        return map;
    }

    /// <summary>
    /// Each referenced package with the version the project gets: its own Version (or VersionOverride), else, under central
    /// package management, its PackageVersion item's (and the file that sets it, for status to name).
    /// </summary>
    private static SortedDictionary<string, PackageInput> ResolvePackages(Dictionary<string, PackageInput> referenced, Dictionary<string, PackageInput> central)
    {
        var result = new SortedDictionary<string, PackageInput>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, reference) in referenced)
        {
            result[id] = reference.Version is null && central.TryGetValue(id, out var centralVersion) ? centralVersion : reference;
        }

        return result;
    }

    private static void AddTo(Dictionary<string, List<string>> lists, string key, string value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists[key] = list;
        }

        if (!list.Contains(value, PathComparer))
        {
            list.Add(value);
        }
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
