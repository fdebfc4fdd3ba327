#!/usr/bin/env bash
# 'dotnet bit status' on a workspace of many components (see bench/README.md, "Status"):
#   a git repository of N small components in layers of ten, each referencing two of the layer below, with a shared
#   source file that every component compiles, a Directory.Build.props/targets and central package management;
#   tagged once. Then timed, interleaved, RUNS times each:
#     a. 'dotnet bit status' of this checkout (the folder hashes plus every build input: sources from outside a
#        component's folder, imported MSBuild files, package versions), with its description cache warm;
#     a'. the same with the cache removed first (.bit/cache/descriptions.json): what the first status after a change to
#        an MSBuild file, a project file or the set of files costs;
#     b. 'dotnet bit status' built from BEFORE_REF (default 78ce9bc: folder hashes only), on the same workspace;
#     c. 'dotnet msbuild -getProperty' of one of the projects: the cost of a single MSBuild evaluation, for scale.
# Usage: bench/status/run.sh [COMPONENTS=100] [RUNS=5] [BEFORE_REF=78ce9bc]. Prints the median of each.
# Results in bench/results/status-<time>/ (git-ignored).
set -euo pipefail
COMPONENTS="${1:-100}"
RUNS="${2:-5}"
BEFORE_REF="${3:-78ce9bc}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/results/status-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# shellcheck source=../common.sh
source "$repo/bench/common.sh"

echo "building dotnet bit (Release) from this checkout and from $BEFORE_REF…" >&2
dotnet build "$repo/src/BitBuild.Tool" -c Release -nologo -v:q >/dev/null
mkdir -p "$out/before-src"
git -C "$repo" archive "$BEFORE_REF" | tar -x -C "$out/before-src"
dotnet build "$out/before-src/src/BitBuild.Tool" -c Release -nologo -v:q >/dev/null
after() { dotnet "$repo/src/BitBuild.Tool/bin/Release/net10.0/dotnet-bit.dll" "$@"; }
before() { dotnet "$out/before-src/src/BitBuild.Tool/bin/Release/net10.0/dotnet-bit.dll" "$@"; }

echo "writing and tagging $COMPONENTS components…" >&2
ws="$out/workspace"
mkdir -p "$ws/shared" && cd "$ws"
echo '<Project><PropertyGroup><LangVersion>latest</LangVersion><Nullable>enable</Nullable></PropertyGroup></Project>' > Directory.Build.props
echo '<Project><PropertyGroup><Authors>Bench</Authors></PropertyGroup></Project>' > Directory.Build.targets
cat > Directory.Packages.props <<'XML'
<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageVersion Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
</Project>
XML
cat > NuGet.Config <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
echo 'namespace Shared { public static class Guard { public static int Checked(int value) => value; } }' > shared/Guard.cs
for i in $(seq 0 $((COMPONENTS - 1))); do
  layer=$((i / 10)); name="C$i"; dir="src/layer$layer/c$i"
  mkdir -p "$dir"
  refs=""
  if [ "$layer" -gt 0 ]; then
    a=$(( (layer - 1) * 10 + (i % 10) )); b=$(( (layer - 1) * 10 + ((i + 1) % 10) ))
    refs="<ProjectReference Include=\"../../layer$((layer - 1))/c$a/C$a.csproj\" /><ProjectReference Include=\"../../layer$((layer - 1))/c$b/C$b.csproj\" />"
  fi
  cat > "$dir/$name.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><Compile Include="../../../shared/Guard.cs" Link="Guard.cs" />$refs</ItemGroup>
  <ItemGroup Condition="$((i % 10)) == 0"><PackageReference Include="Newtonsoft.Json" /></ItemGroup>
</Project>
XML
  echo "namespace N$i { public static class Answer { public static int Value => Shared.Guard.Checked($i); } }" > "$dir/Answer.cs"
done
printf 'bin/\nobj/\n.bit/\n' > .gitignore
after init --default-scope bench.status >/dev/null
after add src/*/* >/dev/null
git init -q -b main && git add -A && git commit -q -m init
start=$(now); after tag --all -m bench >"$out/tag.log" 2>&1; end=$(now)
echo "tag --all of $COMPONENTS components: $(elapsed "$start" "$end") s" >&2
git add -A && git commit -q -m tagged

# One modified component, so status has something to say (and both builds compare every component).
echo "// changed" >> src/layer0/c0/Answer.cs
for run in $(seq 1 "$RUNS"); do
  rm -f .bit/cache/descriptions.json
  start=$(now); after status >"$out/cold-$run.log" 2>&1; end=$(now); elapsed "$start" "$end" >> "$out/cold.times"
  start=$(now); after status >"$out/after-$run.log" 2>&1; end=$(now); elapsed "$start" "$end" >> "$out/after.times"
  start=$(now); before status >"$out/before-$run.log" 2>&1; end=$(now); elapsed "$start" "$end" >> "$out/before.times"
  start=$(now); dotnet msbuild src/layer0/c0/C0.csproj -getProperty:Version -nologo >/dev/null 2>&1; end=$(now); elapsed "$start" "$end" >> "$out/evaluate.times"
done
grep -q "c0 (last tagged" "$out/after-1.log" || { echo "unexpected status output: $out/after-1.log" >&2; exit 1; }
cold_s=$(median < "$out/cold.times"); after_s=$(median < "$out/after.times"); before_s=$(median < "$out/before.times"); evaluate_s=$(median < "$out/evaluate.times")
printf '%s components, median of %s runs\n' "$COMPONENTS" "$RUNS"
printf 'status (this checkout), cold %5s s\n' "$cold_s"
printf 'status (this checkout)      %6s s\n' "$after_s"
printf 'status (%s)            %6s s\n' "$BEFORE_REF" "$before_s"
printf 'one MSBuild evaluation      %6s s\n' "$evaluate_s"
awk -v a="$after_s" -v b="$before_s" 'BEGIN { printf "after / before              %6.2f\n", a / b }'
awk -v a="$cold_s" -v b="$before_s" 'BEGIN { printf "cold / before               %6.2f\n", a / b }'
