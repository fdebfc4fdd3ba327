namespace BitBuild.MSBuild.Tests.Infrastructure;

/// <summary>
/// A stand-in for dotnet and dotnet-bit.dll, so task tests control exactly what "the CLI" prints and how it exits:
/// the fake host drops <c>exec --roll-forward Major</c> and runs the tool path as a shell script with the rest.
/// </summary>
public sealed class FakeCli : IDisposable
{
    public FakeCli(string toolScript)
    {
        Folder = Path.Combine(TestPaths.RunFolder, "fake-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        HostPath = Path.Combine(Folder, "dotnet");
        File.WriteAllText(HostPath, "#!/bin/sh\nshift 3\nexec /bin/sh \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(HostPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        ToolPath = Path.Combine(Folder, "dotnet-bit.dll");
        File.WriteAllText(ToolPath, toolScript.Replace("\r\n", "\n"));
    }

    public string Folder { get; }

    public string HostPath { get; }

    public string ToolPath { get; }

    public string ArgumentsFile => Path.Combine(Folder, "args.txt");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
