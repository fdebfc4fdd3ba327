namespace BitBuild.Engine.Processes;

/// <summary>Finds and runs the <c>dotnet</c> host for nested MSBuild calls.</summary>
public static class DotNetCli
{
    /// <summary>
    /// The dotnet host: <c>DOTNET_HOST_PATH</c> when set (the SDK sets it for tools and tasks it starts, so nested calls use the
    /// same SDK), else the <c>dotnet</c> on PATH.
    /// </summary>
    public static string HostPath
    {
        get
        {
            var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
        }
    }

    /// <summary>
    /// The environment for nested builds: no node reuse (a lingering node would keep files locked after we finish) and none
    /// of the variables an outer MSBuild sets for its own tasks, which would otherwise redirect the inner build's SDK.
    /// </summary>
    public static IDictionary<string, string?> Environment() => new Dictionary<string, string?>
    {
        ["MSBUILDNOINPROCNODE"] = null,
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // Tells the BitBuild package's targets that this build was started by the engine (e.g. tag's pack), so
        // BitExportOnBuild does not start a second engine inside the first one.
        ["BitBuildEngineChildBuild"] = "true",
    };

    /// <summary>
    /// Runs dotnet. A global.json that pins an SDK this machine does not have fails every dotnet command before MSBuild
    /// starts; that is reported as what it is (BIT1014, naming the file and the versions), whichever command met it first.
    /// </summary>
    public static ProcessResult Run(IEnumerable<string> arguments, string workingDirectory, Action<string>? onOutputLine = null, IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var environment = Environment();
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var result = ProcessRunner.Run(HostPath, arguments, workingDirectory, environment, onOutputLine);
        if (result.ExitCode != 0 && MissingSdk.FromOutput(result.CombinedOutput) is { } missing)
        {
            throw missing;
        }

        return result;
    }
}
