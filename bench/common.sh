# Sourced by the bench scripts: a quiet, isolated dotnet and git, the Release build of 'dotnet bit', and timing helpers.
# Expects $repo (the repository root) to be set.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
export GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# Builds the tool in Release once; then 'bit …' runs it as a user's 'dotnet bit …' would.
build_bit() {
  echo "building dotnet bit (Release)…" >&2
  dotnet build "$repo/src/BitBuild.Tool" -c Release -nologo -v:q >/dev/null
}
bit() { dotnet "$repo/src/BitBuild.Tool/bin/Release/net10.0/dotnet-bit.dll" "$@"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
