namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Copies a fixture workspace into a test's own folder: sources, .bitmap, declarations and the local scope, without what
/// belongs to the fixture's own runs (bin/, obj/, .bit/tmp/, the workspace lock).
/// </summary>
public static class WorkspaceCopy
{
    public static void Into(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            if (Path.GetFileName(file) != "workspace.lock")
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj" or "tmp"))
            {
                Into(dir, Path.Combine(to, name));
            }
        }
    }
}
