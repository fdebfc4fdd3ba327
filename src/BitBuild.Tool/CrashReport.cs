namespace BitBuild.Tool;

/// <summary>Where an unexpected failure's details go: a file in the system temp folder, named so reports never collide.</summary>
internal static class CrashReport
{
    /// <returns>The file written, or null when even that failed (a full disk, no temp folder).</returns>
    public static string? TryWrite(string[] args, Exception exception)
    {
        try
        {
            var folder = Path.Combine(Path.GetTempPath(), "bitbuild-crash-reports");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"dotnet-bit-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
            File.WriteAllText(file, $"""
                dotnet bit {typeof(CrashReport).Assembly.GetName().Version} on .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}
                arguments: {args.Length} (not recorded: they may hold an API key)
                working folder: {Environment.CurrentDirectory}

                {exception}

                """);
            return file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
