// Usage: EngineBench <workspace> <scope folder> <component changed last> [runs=7]
// Runs on bench/export/run.sh's workspace after its timed runs (every component exported, the last one twice). Each
// round restores two states and times ExportOperation.Run in this process:
//   full:       .bitmap with nothing exported yet and an empty scope folder: every tagged version goes;
//   one change: everything exported except the last version of <component changed last>, which is missing from the scope.
// One warm-up round first (JIT, first use of zip, XML, hashing), then the median of the timed rounds.
using System.Diagnostics;
using BitBuild.Engine.Export;
using BitBuild.Engine.Output;
using BitBuild.Engine.State;
using BitBuild.Engine.Workspaces;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: EngineBench <workspace> <scope folder> <component changed last> [runs=7]");
    return 2;
}

var workspace = Workspace.At(args[0]);
var scopeFolder = Path.GetFullPath(args[1]);
var changed = args[2];
var runs = args.Length > 3 ? int.Parse(args[3]) : 7;

var exported = File.ReadAllBytes(workspace.BitmapPath);
var nothingExported = workspace.ReadBitmap();
foreach (var component in nothingExported.Components.Values)
{
    component.Scope = null;
    component.Versions.ForEach(v => v.ExportedTo.Clear());
}

var oneStaged = workspace.ReadBitmap();
var last = oneStaged.Find(changed)?.Latest ?? throw new InvalidOperationException($"{changed} has no tagged version");
last.ExportedTo.Clear();
var scope = oneStaged.Find(changed)!.Scope ?? throw new InvalidOperationException($"{changed} was never exported");
var lastFolder = Path.Combine(scopeFolder, $"{scope}.{changed.Replace('/', '.')}".ToLowerInvariant(), last.Version.ToLowerInvariant());

// What a round removes from the scope is moved aside, next to the scope folder, and left there (run.sh's results folder):
// deleting ~1,500 files between two exports made the next export up to six times slower on the reference machine (its
// disk is mounted with online discard), and deleting them at the end slowed the next benchmark run.

void MoveAside(string folder)
{
    var aside = Path.Combine(Path.GetDirectoryName(scopeFolder)!, "removed-" + Guid.NewGuid().ToString("N"));
    Directory.Move(folder, aside);
}

double Full()
{
    workspace.WriteBitmap(nothingExported);
    MoveAside(scopeFolder);
    return Time();
}

double OneChange()
{
    workspace.WriteBitmap(oneStaged);
    MoveAside(lastFolder);
    return Time();
}

double Time()
{
    var clock = Stopwatch.StartNew();
    var result = ExportOperation.Run(workspace, new ExportOptions(), NullOperationLog.Instance);
    clock.Stop();
    if (result.Scopes.Sum(s => s.Packages.Count(p => p.Action == PackageAction.Send)) == 0)
    {
        throw new InvalidOperationException("the export sent nothing: the benchmark's states are wrong");
    }

    return clock.Elapsed.TotalMilliseconds;
}

try
{
    Full();
    OneChange();
    var full = new List<double>();
    var one = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        full.Add(Full());
        one.Add(OneChange());
    }

    double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine($"in one warm process, median of {runs}: full export {Median(full):F1} ms, one-change export {Median(one):F1} ms = {100 * Median(one) / Median(full):F2}% of the full export");
    return 0;
}
finally
{
    File.WriteAllBytes(workspace.BitmapPath, exported); // the workspace as run.sh left it
}
