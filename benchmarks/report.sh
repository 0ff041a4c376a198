#!/usr/bin/env bash
# Regenerates benchmarks/README.md from one run: every BenchmarkDotNet class (short jobs, as configured per class) with
# its baseline and Ratio, the JS AWS Encryption SDK timed beside Seal/Open, and the machine described.
#
#   benchmarks/report.sh                 all areas: Hardening Envelope Keys Fields Credentials (about 20 minutes on 2 cores)
#   benchmarks/report.sh Envelope Keys   some areas only (the others are marked "not run")
#   TUREN_BENCH_KEEP=1 benchmarks/report.sh Envelope   add an area to the previous run's results instead of starting over
#   TUREN_BENCH_ARGS='--job medium' benchmarks/report.sh Fields   other BenchmarkDotNet arguments
#
# Default BenchmarkDotNet arguments: --inProcess --job short --buildTimeout 1200. Classes without a [Config] then run
# in-process with 3 iterations after 3 warm-ups; classes with their own config (Envelope's ShortConfig) also keep their
# own job, which builds out of process — that build rebuilds the generator and analyzers and needs more than
# BenchmarkDotNet's default 2 minutes on a loaded 2-core machine.
#
# Needs the .NET SDK and, for the JS ESDK row, Node.js with npm (runs `npm ci` in tests/Turen.Sdk.Interop.Tests/js).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
areas=("$@"); [[ ${#areas[@]} -gt 0 ]] || areas=(Hardening Envelope Keys Fields Credentials)
work="$root/BenchmarkDotNet.Artifacts/report"
[[ -n "${TUREN_BENCH_KEEP:-}" ]] || rm -rf "$work"
mkdir -p "$work"
started=$(date +%s)
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }
load_start="$(load)"

echo "== building the benchmarks (Release)"
dotnet build "$root/benchmarks/Turen.Sdk.Benchmarks/Turen.Sdk.Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
exe="$root/benchmarks/Turen.Sdk.Benchmarks/bin/Release/net10.0/Turen.Sdk.Benchmarks.dll"

for area in "${areas[@]}"; do
  echo "== $area"
  # shellcheck disable=SC2086
  (cd "$work" && dotnet "$exe" --filter "Turen.Sdk.Benchmarks.$area.*" --exporters github csv --artifacts "$work" ${TUREN_BENCH_ARGS:---inProcess --job short --buildTimeout 1200} \
    > "$work/$area.log" 2>&1) || { echo "benchmarks of $area failed; see $work/$area.log" >&2; tail -n 20 "$work/$area.log" >&2; }
done

# The interleaved same-run comparison of session blobs (each round times the baselines and ours back to back), which
# stays meaningful when the machine's speed drifts during BenchmarkDotNet's one-case-after-another runs.
if [[ " ${areas[*]} " == *" Envelope "* ]]; then
  echo "== Envelope: blob-throughput (interleaved rounds)"
  dotnet "$exe" blob-throughput 31 64 1024 > "$work/blob-throughput.txt" 2>&1 || { echo "blob-throughput failed" >&2; : > "$work/blob-throughput.txt"; }
fi

js="$work/js-esdk.jsonl"; : > "$js"
if command -v node >/dev/null && command -v npm >/dev/null; then
  echo "== JS ESDK (@aws-crypto/client-node)"
  jsdir="$root/tests/Turen.Sdk.Interop.Tests/js"
  [[ -d "$jsdir/node_modules/@aws-crypto/client-node" ]] || (cd "$jsdir" && npm ci --no-audit --no-fund >/dev/null)
  node "$root/benchmarks/report/js-esdk.js" > "$js" || { echo "JS ESDK timing failed" >&2; : > "$js"; }
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || uname -p)"
cat > "$work/machine.json" <<JSON
{
  "date": "$(date -u +%FT%TZ)",
  "seconds": $(( $(date +%s) - started )),
  "cpu": "${cpu//\"/}",
  "cores": $(nproc),
  "os": "$(uname -sr)",
  "dotnet": "$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')",
  "node": "$(node --version 2>/dev/null || echo 'not installed')",
  "loadStart": "$load_start",
  "loadEnd": "$(load)",
  "note": "${TUREN_BENCH_NOTE:-}"
}
JSON
node "$root/benchmarks/report/assemble.js" "$work" "$work/machine.json" "$js" "$root/benchmarks/README.md"
echo "== benchmarks/README.md written ($(( $(date +%s) - started )) s)"
