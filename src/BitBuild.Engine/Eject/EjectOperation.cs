using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Discovery;
using BitBuild.Engine.Output;
using BitBuild.Engine.Processes;
using BitBuild.Engine.Status;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Eject;

/// <summary>
/// <c>dotnet bit eject</c>: replaces components that are exported to their primary scope by their packages ("delete the
/// local component + install the package"). Under the workspace lock it plans every change in memory, snapshots every
/// file it will touch, moves component folders aside instead of deleting them, applies the change, checks the
/// declarations no longer name the components and restores the projects that now use the packages. Any failure puts the
/// workspace back byte for byte and the error names the step that failed.
/// </summary>
public static class EjectOperation
{
    public static EjectResult Run(Workspace workspace, IReadOnlyList<string> ids, EjectOptions options, IOperationLog log)
    {
        if (ids.Count == 0)
        {
            throw new BitException(DiagnosticCodes.InvalidArguments, "Name the components to eject, e.g. 'dotnet bit eject hello/world'.") { IsUsageError = true };
        }

        using var _ = workspace.Lock(log.Info);
        // The cached evaluation (what export just used, under --eject); the check after the change always asks MSBuild afresh.
        var declarations = DeclarationsCache.Evaluate(workspace);
        var bitmap = workspace.ReadBitmap();
        var candidates = EjectValidator.Check(ids, declarations, bitmap, c => WorkspaceStatus.HashOf(c, declarations));
        EjectPlan plan;
        try
        {
            plan = EjectPlanner.Plan(workspace, declarations, bitmap, candidates);
        }
        catch (EjectPlanner.UnreadableFileException ex)
        {
            throw new BitException(
                DiagnosticCodes.EjectStepFailed,
                $"{workspace.Relative(ex.Path)} is not well-formed XML ({ex.InnerException!.Message}); eject has to edit it. Fix the file and run eject again. Nothing was changed.",
                ex.Path);
        }

        var created = plan.Writes.Select(w => w.Key).Where(p => !File.Exists(p)).ToList();
        var changed = plan.Writes.Select(w => w.Key).Except(created).Concat(plan.SlnRemovals.Select(s => s.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        var result = new EjectResult(
            options.DryRun,
            plan.Components,
            plan.Rewrites,
            changed.Select(workspace.Relative).ToList(),
            created.Select(workspace.Relative).ToList(),
            plan.Folders.Select(workspace.Relative).ToList(),
            plan.RestoreProjects.Select(workspace.Relative).ToList());
        if (options.DryRun)
        {
            return result;
        }

        Apply(workspace, plan, log);
        return result;
    }

    private static void Apply(Workspace workspace, EjectPlan plan, IOperationLog log)
    {
        var names = string.Join(", ", plan.Components.Select(c => c.Id));
        var transaction = new WorkspaceTransaction(workspace.Root, Path.Combine(workspace.TempFolder, "eject-" + Guid.NewGuid().ToString("N")));
        var step = "taking a snapshot of the files it changes";
        try
        {
            foreach (var path in plan.Writes.Select(w => w.Key).Concat(plan.SlnRemovals.Select(s => s.Key)))
            {
                transaction.Snapshot(path);
            }

            if (plan.RestoreProjects.Count > 0)
            {
                // Restore writes obj/ files of every project in the restored graph; keep them too, so a rollback is exact.
                foreach (var project in plan.RemainingProjects)
                {
                    transaction.SnapshotFolder(Path.Combine(Path.GetDirectoryName(project)!, "obj"));
                }
            }

            foreach (var (solution, projects) in plan.SlnRemovals)
            {
                step = $"removing the projects from {workspace.Relative(solution)} with 'dotnet sln remove'";
                log.Info($"removing {string.Join(", ", projects.Select(workspace.Relative))} from {workspace.Relative(solution)}");
                var error = SolutionFiles.RemoveFromSln(solution, projects);
                if (error is not null)
                {
                    throw new BitException(DiagnosticCodes.EjectStepFailed, error);
                }
            }

            foreach (var (path, content) in plan.Writes)
            {
                step = $"writing {workspace.Relative(path)}";
                transaction.Write(path, content);
            }

            foreach (var folder in plan.Folders)
            {
                step = $"removing the folder {workspace.Relative(folder)}";
                log.Info($"removing {workspace.Relative(folder)}");
                transaction.MoveAside(folder);
            }

            step = "checking that the declarations no longer name the components";
            var left = plan.VerifyDeclarations
                ? ComponentDiscovery.EvaluateAllowingMissingProjects(workspace).Components.Where(c => plan.Components.Any(e => e.Id == c.Id)).ToList()
                : [];
            if (left.Count > 0)
            {
                throw new BitException(
                    DiagnosticCodes.EjectDeclarationNotRemovable,
                    $"{string.Join(", ", left.Select(c => c.Id))} {(left.Count == 1 ? "is" : "are")} still declared by a BitComponent item eject cannot edit (outside {Workspace.DeclarationsFileName}, or evaluated after it). " +
                    "Remove that item by hand, then run eject again");
            }

            if (plan.RestoreProjects.Count > 0)
            {
                step = "restoring " + string.Join(", ", plan.RestoreProjects.Select(workspace.Relative));
                log.Info(step);
                Restore(workspace, plan, transaction.BackupFolder);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever failed (our own checks, a locked file, a child process, a bug), the workspace goes back first.
            var problems = transaction.Rollback();
            var code = ex is BitException bit ? bit.Code : DiagnosticCodes.EjectStepFailed;
            // The first line says what failed; tool output (NuGet's errors) follows on the next lines.
            var lines = ex.Message.Split('\n', 2);
            var what = $"Ejecting {names} failed while {step}: {lines[0].Trim().TrimEnd('.')}.";
            var details = lines.Length > 1 && lines[1].Trim().Length > 0 ? "\n" + lines[1].TrimEnd() : string.Empty;
            if (problems.Count == 0)
            {
                throw new BitException(code, what + " The workspace was put back exactly as it was; fix the cause and run eject again." + details, inner: ex);
            }

            throw new BitException(
                DiagnosticCodes.EjectRollbackIncomplete,
                what + " Putting the workspace back also failed: " + string.Join("; ", problems) +
                $". Nothing is lost: the original files and folders are in {transaction.BackupFolder}; copy them back by hand." + details,
                inner: ex);
        }

        if (!transaction.Commit())
        {
            log.Warning(DiagnosticCodes.EjectStepFailed, $"The ejected folders could not all be deleted; what is left is in {transaction.BackupFolder}. Delete it when nothing holds it open.");
        }

        foreach (var folder in plan.Folders)
        {
            RemoveEmptyParents(workspace, folder);
        }
    }

    /// <summary>src/hello/ is left empty once src/hello/world/ is gone; git would not keep it either.</summary>
    private static void RemoveEmptyParents(Workspace workspace, string folder)
    {
        for (var parent = Path.GetDirectoryName(folder); parent is not null && WorkspaceFiles.IsInside(parent, workspace.Root) && !WorkspaceFiles.PathComparer.Equals(parent, workspace.Root); parent = Path.GetDirectoryName(parent))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(parent).Any())
                {
                    return;
                }

                Directory.Delete(parent);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    /// <summary>One restore for all changed projects: a throw-away .slnx listing them, so NuGet restores the graph once.</summary>
    private static void Restore(Workspace workspace, EjectPlan plan, string scratchFolder)
    {
        var solution = Path.Combine(scratchFolder, "restore.slnx");
        var entries = string.Concat(plan.RestoreProjects.Select(p => $"  <Project Path=\"{System.Security.SecurityElement.Escape(Path.GetRelativePath(scratchFolder, p).Replace('\\', '/'))}\" />\n"));
        File.WriteAllText(solution, $"<Solution>\n{entries}</Solution>\n");
        var result = DotNetCli.Run(["restore", solution, "--nologo"], workspace.Root);
        if (result.ExitCode == 0)
        {
            return;
        }

        var missing = plan.ScopeLocations
            .Where(s => ScopeSource.IsFolder(s.Value) && !Directory.Exists(s.Value))
            .Select(s => $"the folder of scope {s.Key} ({s.Value}) does not exist, so the scope is unreachable")
            .ToList();
        throw new BitException(
            DiagnosticCodes.EjectRestoreFailed,
            "dotnet restore failed" + (missing.Count > 0 ? " (" + string.Join("; ", missing) + ")" : string.Empty) + "\n" + ComponentDiscovery.ErrorLines(result.CombinedOutput));
    }
}
