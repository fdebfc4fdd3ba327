using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Export;
using BitBuild.Engine.Output;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Eject;

/// <summary>The outcome of <c>export --eject</c>: the export always stands; the eject either happened or failed (and was rolled back).</summary>
public sealed record ExportEjectResult(ExportResult Export, EjectResult? Eject, BitException? EjectFailure);

/// <summary>
/// <c>export --eject</c>: export, then eject every component the export covered. The two steps are not atomic (as in Bit,
/// where the eject runs after the export has been persisted): an eject failure never undoes the export, and its error
/// says that the export succeeded, so the user knows to fix the cause and run <c>dotnet bit eject</c> alone.
/// </summary>
public static class ExportThenEject
{
    public static ExportEjectResult Run(Workspace workspace, ExportOptions options, IOperationLog log)
    {
        // The export takes and releases the workspace lock; eject takes it again (the lock is not re-entrant).
        var export = ExportOperation.Run(workspace, options, log);
        if (!options.Eject || export.DryRun || export.NothingToExport)
        {
            return new ExportEjectResult(export, null, null);
        }

        var ids = export.Scopes.SelectMany(s => s.Packages).Select(p => p.ComponentId).Distinct(StringComparer.Ordinal).ToList();
        var scopes = string.Join(", ", export.Scopes.Select(s => s.Scope));
        try
        {
            return new ExportEjectResult(export, EjectOperation.Run(workspace, ids, new EjectOptions(), log), null);
        }
        catch (BitException ex)
        {
            var failure = new BitException(
                ex.Code,
                $"The components were exported to scope{(export.Scopes.Count == 1 ? string.Empty : "s")} {scopes}. However, ejecting them failed: {ex.Message} " +
                $"The export stands; once the cause is fixed, run 'dotnet bit eject {string.Join(' ', ids)}'.",
                ex.File,
                inner: ex);
            return new ExportEjectResult(export, null, failure);
        }
    }
}
