#!/usr/bin/env bash
# Builds BitBuild from source and runs its main job end to end on the sample workspace in samples/:
# init, add, tag, status, export to a local folder scope, then a consumer outside the workspace that takes the
# exported component with a plain 'dotnet add package' and runs it.
# Needs only the .NET SDK (and git). Everything it creates lives under $BIT_DEMO_DIR (default: a new temp folder).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
demo="${BIT_DEMO_DIR:-$(mktemp -d -t bitbuild-demo-XXXXXX)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Keep the demo's NuGet cache apart from yours: the packages it installs are built from this checkout.
export NUGET_PACKAGES="$demo/nuget-packages"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Building BitBuild (packages land in nuget/)"
dotnet build "$repo/BitBuild.sln" -c Release -nologo -v:quiet -clp:NoSummary

step "Installing the dotnet bit tool from nuget/"
version="$(sed -n 's:.*<BitBuildVersion>\(.*\)</BitBuildVersion>.*:\1:p' "$repo/Directory.Build.props")"
dotnet tool install BitBuild.Tool --version "$version" --tool-path "$demo/tools" --add-source "$repo/nuget" >/dev/null
export PATH="$demo/tools:$PATH"   # 'dotnet bit' finds dotnet-bit on PATH

step "A team's repository: samples/demo-workspace copied to $demo/workspace"
rm -rf "$demo/workspace"
cp -r "$repo/samples/demo-workspace" "$demo/workspace"
cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" "$repo/samples/Directory.Packages.props" "$demo/workspace/"
cd "$demo/workspace"
git init -q -b main && git add -A && git -c user.email=demo@example.com -c user.name=demo commit -qm "sample workspace"

step "dotnet bit init --default-scope user.my-collection"
dotnet bit init --default-scope user.my-collection

step "dotnet bit add src/utils/string src/hello/world"
dotnet bit add src/utils/string src/hello/world

step "dotnet bit status"
dotnet bit status

step "dotnet bit tag -m 'first release'"
dotnet bit tag -m "first release"

step "dotnet bit status"
dotnet bit status

step "dotnet bit remote add user.my-collection $demo/scopes/user.my-collection"
mkdir -p "$demo/scopes"
dotnet bit remote add user.my-collection "$demo/scopes/user.my-collection"

step "dotnet bit export user.my-collection"
dotnet bit export user.my-collection

step "dotnet bit list"
dotnet bit list

step "Another team consumes the component with plain NuGet ($demo/consumer)"
rm -rf "$demo/consumer"
cp -r "$repo/samples/consumer" "$demo/consumer"
cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" "$repo/samples/Directory.Packages.props" "$demo/consumer/"
cd "$demo/consumer"
cat > NuGet.Config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="user.my-collection" value="$demo/scopes/user.my-collection" />
  </packageSources>
</configuration>
XML
dotnet add package user.my-collection.hello.world
dotnet run

step "Done. Everything is under $demo"
