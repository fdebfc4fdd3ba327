#!/usr/bin/env bash
# Tag against 'dotnet pack' on samples/toolkit-repo (see bench/README.md, "Tag on a real library repository"): a git
# repository of five projects (four of them components: one multi-targeting, one built with a source generator, two
# linking a shared source file), central package management, MinVer, Directory.Build.props/targets with logic.
# Timed, interleaved, each run in fresh clones (no bin/obj, no local scope):
#   a. cold: 'dotnet pack Toolkit.slnx' (what a team runs without BitBuild) vs 'dotnet bit tag' of the four components;
#   b. after a change to shared/Guard.cs (linked into two components, whose two dependents follow): 'dotnet pack' of the
#      solution again vs 'dotnet bit tag' again (it tags all four: two changed, two auto-tagged).
# Usage: bench/toolkit-repo/run.sh [RUNS=3]. Prints the median of each and the ratio tag/pack.
# Results in bench/results/toolkit-repo-<time>/ (git-ignored).
set -euo pipefail
RUNS="${1:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/results/toolkit-repo-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# shellcheck source=../common.sh
source "$repo/bench/common.sh"

build_bit

template="$out/template"
cp -r "$repo/samples/toolkit-repo" "$template"
cd "$template"
git init -q -b main && git add -A && git commit -q -m "the toolkit" && git tag v1.2.0
bit init --default-scope bench.toolkit >/dev/null
bit add src/Toolkit.Core src/Toolkit.Text src/Toolkit.Mvvm src/Toolkit.Http >/dev/null
git add -A && git commit -q -m "components"
# Warm the package cache (MinVer, Roslyn, Newtonsoft.Json, the reference assemblies) outside the timings.
dotnet restore Toolkit.slnx -nologo -v:q >/dev/null

time_into() { local file="$1"; shift; local start end; start=$(now); "$@"; end=$(now); elapsed "$start" "$end" >> "$out/$file"; }
for run in $(seq 1 "$RUNS"); do
  cd "$out" && rm -rf pack tag && git clone -q template pack && git clone -q template tag
  cd "$out/pack" && time_into pack-cold.times dotnet pack Toolkit.slnx -o out -nologo -v:q >"$out/pack-cold-$run.log" 2>&1
  cd "$out/tag" && time_into tag-cold.times bit tag -m bench >"$out/tag-cold-$run.log" 2>&1
  echo "// changed $run" >> "$out/pack/shared/Guard.cs"
  echo "// changed $run" >> "$out/tag/shared/Guard.cs"
  cd "$out/pack" && time_into pack-change.times dotnet pack Toolkit.slnx -o out -nologo -v:q >"$out/pack-change-$run.log" 2>&1
  cd "$out/tag" && time_into tag-change.times bit tag -m bench >"$out/tag-change-$run.log" 2>&1
  grep -q "2 dependents were auto-tagged" "$out/tag-change-$run.log" || { echo "run $run: the second tag did not auto-tag the two dependents" >&2; exit 1; }
done

for step in cold change; do
  pack=$(median < "$out/pack-$step.times"); tag=$(median < "$out/tag-$step.times")
  printf '%-7s dotnet pack %6.2f s   dotnet bit tag %6.2f s   ratio %.2f\n' "$step" "$pack" "$tag" "$(awk -v a="$tag" -v b="$pack" 'BEGIN { print a / b }')"
done | tee "$out/summary.txt"
