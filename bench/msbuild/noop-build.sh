#!/usr/bin/env bash
# No-op build overhead of the BitBuild package with BitExportOnBuild=true when nothing is staged.
#
# Two copies of the same 20-project workspace (3 components, all exported, so .bitmap has content but nothing is
# staged): "with" references the packed BitBuild from nuget/ and sets BitExportOnBuild=true, "without" does not
# reference BitBuild at all. After a restore and a warm-up build of each, it times `dotnet build ws.slnx --no-restore`
# RUNS times per workspace, interleaved (with, without, without, with, ...) so drift hits both equally, and prints the
# medians and the overhead. Usage: bench/msbuild/noop-build.sh [RUNS]   (default 15; build BitBuild.sln first)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-15}"
version="$(sed -n 's:.*<BitBuildVersion>\(.*\)</BitBuildVersion>.*:\1:p' "$repo/Directory.Build.props")"
if [ ! -f "$repo/nuget/BitBuild.$version.nupkg" ]; then
  echo "nuget/BitBuild.$version.nupkg is missing: run 'dotnet build BitBuild.sln' first" >&2
  exit 1
fi

# BENCH_WORK=<folder> keeps the workspaces there and reuses them on the next run (for investigating a result).
work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bitbuild-bench-XXXXXX")}"
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

make_workspace() { # folder with|without
  local ws="$1" mode="$2"
  mkdir -p "$ws"
  echo '<Project />' > "$ws/Directory.Build.targets"
  echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > "$ws/Directory.Packages.props"
  cp "$repo/global.json" "$ws/global.json"
  cat > "$ws/NuGet.Config" <<XML
<configuration>
  <packageSources><clear /><add key="bitbuild-local" value="$repo/nuget" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="bitbuild-local"><package pattern="BitBuild" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
  local package=""
  if [ "$mode" = with ]; then
    package="<PropertyGroup><BitExportOnBuild>true</BitExportOnBuild></PropertyGroup>
  <ItemGroup><PackageReference Include=\"BitBuild\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>"
  fi
  cat > "$ws/Directory.Build.props" <<XML
<Project>
  <Import Project="\$(MSBuildThisFileDirectory)BitWorkspace.props" Condition="Exists('\$(MSBuildThisFileDirectory)BitWorkspace.props')" />
  $package
</Project>
XML
  cat > "$ws/BitWorkspace.props" <<'XML'
<Project>
  <PropertyGroup>
    <BitWorkspaceRoot>$(MSBuildThisFileDirectory)</BitWorkspaceRoot>
    <BitDefaultScope>user.bench</BitDefaultScope>
  </PropertyGroup>
  <ItemGroup>
    <BitComponent Include="$(MSBuildThisFileDirectory)src/c01/C01.csproj" />
    <BitComponent Include="$(MSBuildThisFileDirectory)src/c02/C02.csproj" />
    <BitComponent Include="$(MSBuildThisFileDirectory)src/c03/C03.csproj" />
  </ItemGroup>
</Project>
XML
  local version_entry='{ "dependencies": {}, "exportedTo": ["user.bench"], "hash": "sha256:00", "time": "2026-11-25T16:00:00Z", "version": "0.0.1" }'
  cat > "$ws/.bitmap" <<JSON
{
  "format": 1,
  "components": {
    "c01": { "project": "src/c01/C01.csproj", "scope": "user.bench", "versions": [ $version_entry ] },
    "c02": { "project": "src/c02/C02.csproj", "scope": "user.bench", "versions": [ $version_entry ] },
    "c03": { "project": "src/c03/C03.csproj", "scope": "user.bench", "versions": [ $version_entry ] }
  }
}
JSON
  local sln="<Solution>"
  for i in $(seq -w 1 20); do
    local folder name ref=""
    if [ "$i" -le 3 ]; then folder="src/c$i"; name="C$i"; else folder="app/p$i"; name="P$i"; fi
    if [ "$i" -ge 2 ] && [ "$i" -le 3 ]; then ref="<ItemGroup><ProjectReference Include=\"../c01/C01.csproj\" /></ItemGroup>"; fi
    if [ "$i" -ge 4 ] && [ "$i" -le 8 ]; then ref="<ItemGroup><ProjectReference Include=\"../../src/c03/C03.csproj\" /></ItemGroup>"; fi
    mkdir -p "$ws/$folder"
    echo "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>$ref</Project>" > "$ws/$folder/$name.csproj"
    echo "namespace N$i; public static class Api { public static int Value => $i; }" > "$ws/$folder/$name.cs"
    sln="$sln<Project Path=\"$folder/$name.csproj\" />"
  done
  echo "$sln</Solution>" > "$ws/ws.slnx"
  (cd "$ws" && dotnet build ws.slnx -nologo -v:q > "$ws/warmup.log" 2>&1) || { cat "$ws/warmup.log"; exit 1; }
  (cd "$ws" && dotnet build ws.slnx --no-restore -nologo -v:q > /dev/null 2>&1)
}

[ -f "$work/with/ws.slnx" ] || make_workspace "$work/with" with
[ -f "$work/without/ws.slnx" ] || make_workspace "$work/without" without

# Each run: `dotnet build ws.slnx --no-restore -nr:false` (default -m; no node reuse, so each run starts its own
# MSBuild nodes and their CPU time is counted: .NET reaps the nodes it starts, so bash's `time` sees their user+sys).
# Two figures per run: wall-clock ms, and CPU ms (user+sys of the whole process tree). CPU time is the robust one on
# a shared machine: other load stretches wall-clock time but barely changes how much work the build itself does.
declare -a with_wall=() without_wall=() with_cpu=() without_cpu=()
time_build() { # folder -> "wall_ms cpu_ms"
  local out
  out=$( { TIMEFORMAT='%R %U %S'; time (cd "$1" && dotnet build ws.slnx --no-restore -nr:false -nologo -v:q > /dev/null 2>&1 || echo "build failed in $1" >&2); } 2>&1 )
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$out"
}
record() { # with|without "wall cpu"
  local wall cpu
  read -r wall cpu <<< "$2"
  if [ "$1" = with ]; then with_wall+=("$wall"); with_cpu+=("$cpu"); else without_wall+=("$wall"); without_cpu+=("$cpu"); fi
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then
    record with "$(time_build "$work/with")"; record without "$(time_build "$work/without")"
  else
    record without "$(time_build "$work/without")"; record with "$(time_build "$work/with")"
  fi
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
report() { # label with... -- without...
  local label="$1"; shift
  local -a w=() wo=(); local side=with
  for x in "$@"; do if [ "$x" = -- ]; then side=without; elif [ $side = with ]; then w+=("$x"); else wo+=("$x"); fi; done
  local mw mwo
  mw=$(median "${w[@]}"); mwo=$(median "${wo[@]}")
  echo "$label without BitBuild: ${wo[*]}"
  echo "$label with BitBuild:    ${w[*]}"
  awk -v a="$mw" -v b="$mwo" -v l="$label" 'BEGIN { printf "%s median: without %d ms, with %d ms, overhead %+.1f%%\n", l, b, a, (a - b) * 100 / b }'
}
echo "runs per workspace: $runs"
report "cpu " "${with_cpu[@]}" -- "${without_cpu[@]}"
report "wall" "${with_wall[@]}" -- "${without_wall[@]}"
# What BitBuild itself adds, measured inside MSBuild (robust on a busy machine): the time its targets take over all
# 20 projects (performance summary) and its evaluation rows in MSBuild's evaluation profile.
(cd "$work/with" && dotnet build ws.slnx --no-restore -nr:false -m:1 -nologo -v:q -clp:PerformanceSummary \
  -profileevaluation:"$work/eval-with.md" > "$work/perf-with.log" 2>&1)
echo "BitBuild targets in the 'with' build (ms, calls):"
grep -E "^ +[0-9]+ ms  _?Bit" "$work/perf-with.log" | sed 's/^/  /' || true
echo "BitBuild in the evaluation profile (inclusive ms over all projects; rows MSBuild lists):"
grep -E "\|BitBuild[^|]*\|" "$work/eval-with.md" | awk -F'|' '{ printf "  %s line %s: %s ms\n", $4, $5, $7 }' || true
awk -F'|' '/Total evaluation\|/ { printf "  total evaluation of all projects: %s ms\n", $7 }' "$work/eval-with.md"
# The guard that makes this cheap: nothing staged, so the engine must never have started.
if grep -q "running dotnet bit" "$work/with/warmup.log"; then echo "unexpected: the engine started" >&2; exit 1; fi
[ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
