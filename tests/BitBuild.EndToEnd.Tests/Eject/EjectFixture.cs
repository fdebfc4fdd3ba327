using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;

namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>
/// One tagged workspace shared by the eject tests: components utils/string and hello/world (which depends on it), the
/// ordinary library hello/app-kit (references hello/world) and the application src/app (references hello/app-kit and
/// hello/world), default scope user.my-collection, both components tagged 0.0.1, never exported.
/// Tests never change it: each takes a <see cref="Copy"/>.
/// </summary>
public sealed class EjectFixture : IDisposable
{
    public const string AppOutput = "[hello MOVIES!] hello WORLD!";

    public EjectFixture()
    {
        Workspace = new TempWorkspace("eject-fixture");
        SampleComponents.Create(Workspace, addComponents: false);
        Workspace.Write("src/app/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="..\hello\app-kit\Hello.AppKit.csproj" />
                <ProjectReference Include="..\hello\world\Hello.World.csproj" />
              </ItemGroup>
            </Project>

            """);
        Workspace.Write("src/app/Program.cs", """
            Console.WriteLine(Hello.AppKit.Banner.Show("movies") + " " + Hello.World.Greeter.Greet("world"));

            """);
        EjectWorkspace.Expect(BitCli.Bit(Workspace.Root, "add", "src/utils/string", "src/hello/world"));
        EjectWorkspace.Expect(BitCli.Bit(Workspace.Root, "tag", "-m", "first"));
    }

    public TempWorkspace Workspace { get; }

    /// <summary>A fresh workspace with the fixture's content (no bin/ or obj/), its own scopes folder and package cache.</summary>
    public EjectWorkspace Copy(string name)
    {
        var copy = new EjectWorkspace(name);
        WorkspaceCopy.Into(Workspace.Root, copy.Root);
        return copy;
    }

    public void Dispose() => Workspace.Dispose();
}
