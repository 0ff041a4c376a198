#!/usr/bin/env bash
# CI's bounded fuzz smoke: every target under AFL++ for a few seconds (default 8 s each, 7 targets: about 2.5 minutes
# with the publish and instrumentation). Fails when AFL++ finds a crash or a hang. Longer runs: fuzz/run.sh all 3600.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -f "$here/out/summary.tsv"
"$here/run.sh" all "${TUREN_FUZZ_SMOKE_SECONDS:-8}"
column -t -s $'\t' "$here/out/summary.tsv" 2>/dev/null || cat "$here/out/summary.tsv"
