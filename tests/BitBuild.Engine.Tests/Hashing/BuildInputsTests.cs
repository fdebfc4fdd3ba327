using BitBuild.Engine.Discovery;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.Tests.Infrastructure;

namespace BitBuild.Engine.Tests.Hashing;

public sealed class BuildInputsTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Relative(string path) => Path.GetRelativePath(folder.Root, path).Replace('\\', '/');

    [Fact]
    public void Outside_files_are_recorded_by_relative_path_and_content_hash_and_packages_by_version()
    {
        File.WriteAllText(folder.PathOf("Guard.cs"), "class Guard { }");
        var project = new ProjectDescription([])
        {
            OutsideInputs = [folder.PathOf("Guard.cs"), folder.PathOf("Gone.cs")],
            Packages = new Dictionary<string, PackageInput> { ["Newtonsoft.Json"] = new("13.0.3", folder.PathOf("Directory.Packages.props")) },
        };

        var inputs = BuildInputs.Of(project, Relative);

        Assert.Equal(["Guard.cs", "package:Newtonsoft.Json"], inputs.Keys);
        Assert.StartsWith("sha256:", inputs["Guard.cs"]);
        Assert.Equal("13.0.3", inputs["package:Newtonsoft.Json"]);
    }

    [Fact]
    public void A_build_only_reference_is_recorded_by_the_hash_of_its_project_folder_and_bitbuilds_own_package_not_at_all()
    {
        Directory.CreateDirectory(folder.PathOf("gen"));
        File.WriteAllText(folder.PathOf("gen/Gen.csproj"), "<Project />");
        var project = new ProjectDescription([])
        {
            BuildOnlyReferences = [folder.PathOf("gen/Gen.csproj")],
            Packages = new Dictionary<string, PackageInput> { ["BitBuild"] = new("0.1.0", null) },
        };

        var inputs = BuildInputs.Of(project, Relative);

        Assert.Equal(["build-reference:gen/Gen.csproj"], inputs.Keys);
        Assert.Equal(ContentHash.OfFolder(folder.PathOf("gen")), inputs["build-reference:gen/Gen.csproj"]);
    }

    [Fact]
    public void Changes_name_each_file_and_package_with_what_happened_to_it()
    {
        var project = new ProjectDescription([])
        {
            Packages = new Dictionary<string, PackageInput>
            {
                ["Newtonsoft.Json"] = new("13.0.4", folder.PathOf("Directory.Packages.props")),
                ["Humanizer.Core"] = new("3.0.10", folder.PathOf("src/core/Core.csproj")),
            },
        };
        var recorded = new Dictionary<string, string>
        {
            ["shared/Guard.cs"] = "sha256:1",
            ["shared/Old.cs"] = "sha256:2",
            ["shared/Same.cs"] = "sha256:3",
            ["package:Newtonsoft.Json"] = "13.0.3",
            ["package:Serilog"] = "4.0.0",
            ["build-reference:src/Generators/Generators.csproj"] = "sha256:5",
        };
        var current = new Dictionary<string, string>
        {
            ["shared/Guard.cs"] = "sha256:9",
            ["shared/New.cs"] = "sha256:4",
            ["shared/Same.cs"] = "sha256:3",
            ["package:Newtonsoft.Json"] = "13.0.4",
            ["package:Humanizer.Core"] = "3.0.10",
            ["build-reference:src/Generators/Generators.csproj"] = "sha256:6",
            ["build-reference:src/Analyzers/Analyzers.csproj"] = "sha256:7",
        };

        var changes = BuildInputs.Changes(recorded, current, project, Relative);

        Assert.Equal(
            [
                "src/Analyzers/Analyzers.csproj (build-only reference added)",
                "src/Generators/Generators.csproj (build-only reference: its sources changed)",
                "src/core/Core.csproj (Humanizer.Core 3.0.10 added)",
                "Directory.Packages.props (Newtonsoft.Json 13.0.3 → 13.0.4)",
                "package reference (Serilog 4.0.0 removed)",
                "shared/Guard.cs",
                "shared/New.cs (new)",
                "shared/Old.cs (removed)",
            ],
            changes);
    }
}
