#!/usr/bin/env bash
# Scope server benchmarks (see bench/README.md, "Scope server"). Not part of the test run.
#   bench/server/run.sh [--packages 300] [--restore-packages 50] [--runs 3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "$here/ServerBench/ServerBench.csproj" -- "$@"
