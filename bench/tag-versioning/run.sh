#!/usr/bin/env bash
# Tag on repositories that version themselves (see bench/README.md, "Tag on versioned repositories"):
#   for each fixture — MinVer, Nerdbank.GitVersioning, GitVersion.MsBuild, a Version in Directory.Build.props, a custom
#   version target, a pinned AssemblyVersion, MinVer with a netstandard2.0;net8.0 component — a git repository with
#   history and a release tag, two components (app references core), declared with 'dotnet bit add' and committed;
#   timed, interleaved, each run in a fresh clone (no bin/obj, no local scope):
#     a. 'dotnet pack' of a solution of the same two projects (what a team runs without BitBuild);
#     b. 'dotnet bit tag' of both components.
# Usage: bench/tag-versioning/run.sh [RUNS=3]. Prints the median of each per fixture and the ratio tag/pack.
# Results in bench/results/tag-versioning-<time>/ (git-ignored).
set -euo pipefail
RUNS="${1:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/results/tag-versioning-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# shellcheck source=../common.sh
source "$repo/bench/common.sh"

build_bit

# fixture NAME PROPS TARGETS TFMS [prepare command]: writes the template repository $out/NAME/template.
fixture() {
  local name="$1" props="$2" targets="$3" tfms="$4" prepare="${5:-}"
  local t="$out/$name/template"
  mkdir -p "$t/src/core" "$t/src/app"
  cd "$t"
  printf '<Project>\n  %s\n</Project>\n' "$props" > Directory.Build.props
  printf '<Project>\n%s\n</Project>\n' "$targets" > Directory.Build.targets
  echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > Directory.Packages.props
  cat > NuGet.Config <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
  cat > src/core/Core.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>$tfms</TargetFrameworks><LangVersion>latest</LangVersion></PropertyGroup>
</Project>
XML
  echo 'namespace Core { public static class Answer { public static int Value => 42; } }' > src/core/Answer.cs
  cat > src/app/App.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><ProjectReference Include="../core/Core.csproj" /></ItemGroup>
</Project>
XML
  echo 'namespace App { public static class Show { public static string Text => Core.Answer.Value.ToString(); } }' > src/app/Show.cs
  printf '<Solution>\n  <Project Path="src/core/Core.csproj" />\n  <Project Path="src/app/App.csproj" />\n</Solution>\n' > Repo.slnx
  printf 'bin/\nobj/\n' > .gitignore
  bit init --default-scope bench.versions >/dev/null
  bit add src/core src/app >/dev/null
  git init -q -b main && git add -A && git commit -q -m init
  if [ -n "$prepare" ]; then eval "$prepare"; fi
  # Warm the package cache (the versioning packages, the reference assemblies) outside the timings.
  dotnet restore Repo.slnx -nologo -v:q >/dev/null
}

release='git tag 8.7.0 && echo later >> history.txt && git add -A && git commit -q -m "after the release"'
fixture minver '<ItemGroup><PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" /></ItemGroup>' '' net10.0 "$release"
fixture nbgv '<ItemGroup><PackageReference Include="Nerdbank.GitVersioning" Version="3.10.94" PrivateAssets="all" /></ItemGroup>' '' net10.0 \
  'echo "{ \"version\": \"5.2\" }" > version.json && git add -A && git commit -q -m version.json'
fixture gitversion '<ItemGroup><PackageReference Include="GitVersion.MsBuild" Version="6.8.2" PrivateAssets="all" /></ItemGroup>' '' net10.0 "$release"
fixture props '<PropertyGroup><Version>4.5.6</Version></PropertyGroup>' '' net10.0
fixture custom-target '' '<Target Name="StampRepositoryVersion" BeforeTargets="GetAssemblyVersion;GenerateNuspec;_GetProjectVersion;CoreCompile"><PropertyGroup><Version>9.9.9-custom</Version><PackageVersion>9.9.9-custom</PackageVersion></PropertyGroup></Target>' net10.0
fixture pinned-assembly-version '<ItemGroup><PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" /></ItemGroup><PropertyGroup><AssemblyVersion>4.0.0.0</AssemblyVersion></PropertyGroup>' '' net10.0 "$release"
fixture minver-multi-targeting '<ItemGroup><PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" /></ItemGroup>' '' 'netstandard2.0;net8.0' "$release"

fixtures=(minver nbgv gitversion props custom-target pinned-assembly-version minver-multi-targeting)
for run in $(seq 1 "$RUNS"); do
  for name in "${fixtures[@]}"; do
    cd "$out/$name"
    rm -rf pack tag && git clone -q template pack && git clone -q template tag
    start=$(now); (cd pack && dotnet pack Repo.slnx -o out -nologo -v:q >"$out/$name/pack-$run.log" 2>&1); end=$(now)
    elapsed "$start" "$end" >> pack.times
    start=$(now); (cd tag && bit tag -m bench >"$out/$name/tag-$run.log" 2>&1); end=$(now)
    elapsed "$start" "$end" >> tag.times
    test -f tag/.bit/packages/core/0.0.1/bitlocal.core.0.0.1.nupkg || { echo "$name: tag did not produce core 0.0.1 (see $out/$name/tag-$run.log)" >&2; exit 1; }
    echo "run $run $name: pack $(tail -1 pack.times) s, tag $(tail -1 tag.times) s" >&2
  done
done

printf '%-26s %10s %10s %8s\n' fixture "pack (s)" "tag (s)" ratio | tee "$out/summary.txt"
for name in "${fixtures[@]}"; do
  p=$(median < "$out/$name/pack.times"); t=$(median < "$out/$name/tag.times")
  printf '%-26s %10s %10s %8s\n' "$name" "$p" "$t" "$(awk -v a="$t" -v b="$p" 'BEGIN { printf "%.2f", a / b }')" | tee -a "$out/summary.txt"
done
