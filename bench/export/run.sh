#!/usr/bin/env bash
# Export benchmark (see bench/README.md, "Export"):
#   1. N components in a chain (each depends on the previous one), declared with 'dotnet bit add', and "tagged" by
#      make_local_packages.py (setup, not timed: a real 'dotnet bit tag' of a 300-deep chain builds 300 projects one
#      after another, far too slow to repeat): one real pack for the build output, then N local packages with the
#      components' real sources and hashes, and .bitmap;
#   2. timed: 'dotnet bit export' of all N to an empty folder scope;
#   3. timed: 'dotnet nuget push' of the same N packages (the exported ones) to another empty folder, in the same run;
#   4. the last component changes and gets version 0.0.2 (setup, the same way), then timed: 'dotnet bit export' again;
#   5. where the time goes: bench/export/EngineBench times the same full and one-change exports inside one warm process
#      (no process start-up, no first-use costs), median of 7.
# Usage: bench/export/run.sh [N=300]. Writes bench/results/export-<time>/ (git-ignored) and prints the figures.
set -euo pipefail
N="${1:-300}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/results/export-$(date -u +%Y%m%dT%H%M%SZ)"
ws="$out/ws"
mkdir -p "$ws"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$out/nuget-packages"   # never the user's cache

# The tool as users get it: BITBUILD_BENCH_TOOL=installed (default) builds the packages into nuget/ and runs
# 'dotnet tool install BitBuild.Tool' from there into the results folder: on linux-x64 that installs
# BitBuild.Tool.linux-x64, ReadyToRun-compiled. BITBUILD_BENCH_TOOL=portable runs the portable build output
# (BitBuild.Tool.any's content, JIT-compiled at start-up) instead, to compare.
echo "building dotnet bit (Release)…" >&2
dotnet build "$repo/src/BitBuild.Tool" -c Release -nologo -v:q >/dev/null
if [ "${BITBUILD_BENCH_TOOL:-installed}" = "portable" ]; then
  tool=(dotnet "$repo/src/BitBuild.Tool/bin/Release/net10.0/dotnet-bit.dll")
else
  version="$(sed -n 's:.*<BitBuildVersion>\(.*\)</BitBuildVersion>.*:\1:p' "$repo/Directory.Build.props")"
  dotnet tool install BitBuild.Tool --version "$version" --tool-path "$out/tool" --add-source "$repo/nuget" >/dev/null
  tool=("$out/tool/dotnet-bit")   # what 'dotnet bit' runs once the dotnet host has found the tool
fi
bit() { "${tool[@]}" "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# A workspace fenced off from this repository, like the tests' TempWorkspace.
cd "$ws"
echo '<Project />' > Directory.Build.props
echo '<Project />' > Directory.Build.targets
echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > Directory.Packages.props
cat > NuGet.Config <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
for i in $(seq 0 $((N - 1))); do
  name=$(printf 'c%03d' "$i"); cls=$(printf 'C%03d' "$i")
  mkdir -p "src/$name"
  ref=""
  if [ "$i" -gt 0 ]; then prev=$(printf 'c%03d' $((i - 1))); pcls=$(printf 'C%03d' $((i - 1))); ref="<ItemGroup><ProjectReference Include=\"../$prev/$pcls.csproj\" /></ItemGroup>"; fi
  cat > "src/$name/$cls.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  $ref
</Project>
XML
  echo "namespace Bench; public static class $cls { public static int Value => $i; }" > "src/$name/$cls.cs"
done
bit init --default-scope bench.chain >/dev/null
bit add src/* >/dev/null
# One real build output for every package's lib/ (its content does not matter to export).
mkdir -p "$out/template"
echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>' > "$out/template/Template.csproj"
echo 'namespace Bench; public static class Template { }' > "$out/template/Template.cs"
dotnet build "$out/template" -c Release -nologo -v:q -o "$out/template/out" >/dev/null
python3 "$repo/bench/export/make_local_packages.py" "$ws" "$N" "$out/template/out/Template.dll"
bit status >/dev/null   # sanity: .bitmap parses
mkdir -p "$out/scope-export" "$out/scope-push" "$out/flat"
bit remote add bench.chain "$out/scope-export" >/dev/null

# Timed 1: the full export.
sync   # before each timed step: the setup's writes must not be flushed during the timing
t0=$(now); bit export >"$out/export-full.log"; t1=$(now)
full=$(elapsed "$t0" "$t1")
tail -1 "$out/export-full.log" >&2

# Timed 2: NuGet's own push of the same packages to another empty folder.
find "$out/scope-export" -name '*.nupkg' -exec cp {} "$out/flat/" \;
count=$(ls "$out/flat" | wc -l)
sync
t0=$(now); dotnet nuget push "$out/flat/*.nupkg" -s "$out/scope-push" >"$out/push.log"; t1=$(now)
push=$(elapsed "$t0" "$t1")

# Timed 3: one component changed and tagged, then export.
last=$(printf 'c%03d' $((N - 1))); lcls=$(printf 'C%03d' $((N - 1)))
echo "namespace Bench; public static class ${lcls}Extra { public static int Value => 1; }" > "src/$last/${lcls}Extra.cs"
python3 "$repo/bench/export/make_local_packages.py" "$ws" "$N" "$out/template/out/Template.dll" --bump $((N - 1))
sync
t0=$(now); bit export >"$out/export-one.log"; t1=$(now)
one=$(elapsed "$t0" "$t1")
tail -1 "$out/export-one.log" >&2

# Where the time goes: the same two exports inside one warm process.
dotnet build "$repo/bench/export/EngineBench" -c Release -nologo -v:q >/dev/null
engine=$(dotnet "$repo/bench/export/EngineBench/bin/Release/net10.0/EngineBench.dll" "$ws" "$out/scope-export" "$last" 7)

ratio=$(awk -v a="$full" -v b="$push" 'BEGIN { printf "%.3f", a / b }')
share=$(awk -v a="$one" -v b="$full" 'BEGIN { printf "%.2f", 100 * a / b }')
{
  echo "components: $N (chain), packages pushed by NuGet: $count"
  echo "dotnet bit export (full, empty folder scope): ${full} s"
  echo "dotnet nuget push (same packages, empty folder): ${push} s"
  echo "ratio export/push: ${ratio} (must be <= 1.0)"
  echo "dotnet bit export after one change + tag: ${one} s = ${share}% of the full export (must be < 5%)"
  echo "engine only, $engine"
} | tee "$out/results.txt"
