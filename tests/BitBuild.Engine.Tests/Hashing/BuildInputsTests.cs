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
        };
        var current = new Dictionary<string, string>
        {
            ["shared/Guard.cs"] = "sha256:9",
            ["shared/New.cs"] = "sha256:4",
            ["shared/Same.cs"] = "sha256:3",
            ["package:Newtonsoft.Json"] = "13.0.4",
            ["package:Humanizer.Core"] = "3.0.10",
        };

        var changes = BuildInputs.Changes(recorded, current, project, Relative);

        Assert.Equal(
            [
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
