#!/usr/bin/env bash
# Coverage-guided fuzzing of Turen.Sdk's untrusted-bytes parsers with AFL++ and SharpFuzz.
#
#   fuzz/run.sh TARGET|all SECONDS      e.g. fuzz/run.sh session-message 600, fuzz/run.sh all 3600
#   fuzz/run.sh list
#
# Installs what is missing (Debian package afl++ when run as root; the SharpFuzz.CommandLine 2.3.0 dotnet tool from the
# local manifest fuzz/dotnet-tools.json), publishes fuzz/Turen.Sdk.Fuzzing, instruments Turen.Sdk.dll (and, for the
# analyzer-config target, Turen.Sdk.Fuzzing.AnalyzerConfig.dll, which links the analyzers' config reader) and runs afl-fuzz.
# Output: fuzz/out/<target>/findings (AFL++ state; crashes/ and hangs/ hold inputs to turn into regression tests) and
# fuzz/out/summary.tsv (target, seconds, executions, crashes, hangs, paths). Exit status 1 when anything was found.
# Reproduce a finding in-process: dotnet fuzz/out/bin/Turen.Sdk.Fuzzing.dll replay TARGET fuzz/out/TARGET/findings/default/crashes
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/out"
targets_all=(session-message session-header field-value hash-string secret-token agent-state analyzer-config)

usage() { echo "usage: fuzz/run.sh TARGET|all SECONDS | list" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
if [[ "$1" == "list" ]]; then printf '%s\n' "${targets_all[@]}"; exit 0; fi
[[ $# -eq 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || usage
if [[ "$1" == "all" ]]; then targets=("${targets_all[@]}"); else targets=("$1"); fi
seconds="$2"

if ! command -v afl-fuzz >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing afl++ (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends afl++ >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends afl++ >/dev/null; }
  else
    echo "afl-fuzz is missing: install the Debian/Ubuntu package afl++ (sudo apt-get install afl++)." >&2
    exit 2
  fi
fi

echo "== restoring the SharpFuzz.CommandLine tool and publishing the harness"
(cd "$here" && dotnet tool restore >/dev/null)
rm -rf "$out/bin"
mkdir -p "$out"
dotnet publish "$here/Turen.Sdk.Fuzzing/Turen.Sdk.Fuzzing.csproj" -c Release -o "$out/bin" --nologo -v quiet > "$out/publish.log" 2>&1 \
  || { echo "publishing the harness failed:" >&2; tail -n 30 "$out/publish.log" >&2; exit 1; }

# A forking .NET harness is not an AFL-instrumented binary, starts slowly and may run where core dumps are piped.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000 AFL_SKIP_CRASHES=1 DOTNET_TieredPGO=0 DOTNET_CLI_TELEMETRY_OPTOUT=1

mkdir -p "$out"
summary="$out/summary.tsv"
[[ -f "$summary" ]] || printf 'target\tseconds\texecutions\tcrashes\thangs\tcorpus\tfinished_utc\n' > "$summary"
found=0
for target in "${targets[@]}"; do
  [[ " ${targets_all[*]} " == *" $target "* ]] || { echo "unknown target $target" >&2; exit 2; }
  dir="$out/$target"
  rm -rf "$dir"; mkdir -p "$dir/in"
  cp -r "$out/bin" "$dir/bin"
  (cd "$here" && dotnet sharpfuzz "$dir/bin/Turen.Sdk.dll" >/dev/null)
  if [[ "$target" == analyzer-config ]]; then
    (cd "$here" && dotnet sharpfuzz "$dir/bin/Turen.Sdk.Fuzzing.AnalyzerConfig.dll" >/dev/null)
  fi
  # Seeds come from the uninstrumented build: instrumented code writes to AFL's shared memory and crashes without it.
  dotnet "$out/bin/Turen.Sdk.Fuzzing.dll" seeds "$target" "$dir/in" >/dev/null
  corpus="$here/corpus/${target}"; [[ "$target" == session-* ]] && corpus="$here/corpus/session"
  if [[ -d "$corpus" ]]; then find "$corpus" -type f ! -name '*.md' -exec cp {} "$dir/in/" \; ; fi

  echo "== afl-fuzz $target for ${seconds}s ($(ls "$dir/in" | wc -l) seeds)"
  afl-fuzz -i "$dir/in" -o "$dir/findings" -t 10000 -m none -V "$seconds" \
    -- dotnet "$dir/bin/Turen.Sdk.Fuzzing.dll" "$target" > "$dir/afl.log" 2>&1 || {
      echo "afl-fuzz failed for $target; last lines of $dir/afl.log:" >&2; tail -n 30 "$dir/afl.log" >&2; exit 1; }

  stats="$dir/findings/default/fuzzer_stats"
  stat() { awk -F: -v k="$1" '{gsub(/ /,"",$1)} $1==k {gsub(/ /,"",$2); print $2}' "$stats"; }
  execs="$(stat execs_done)"; crashes="$(stat saved_crashes)"; hangs="$(stat saved_hangs)"; paths="$(stat corpus_count)"
  crashes="${crashes:-$(stat unique_crashes)}"; hangs="${hangs:-$(stat unique_hangs)}"; paths="${paths:-$(stat paths_total)}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$seconds" "$execs" "$crashes" "$hangs" "$paths" "$(date -u +%FT%TZ)" >> "$summary"
  echo "   $execs executions, $crashes crashes, $hangs hangs, corpus $paths"
  if [[ "${crashes:-0}" != 0 || "${hangs:-0}" != 0 ]]; then
    found=1
    echo "   replay: dotnet $out/bin/Turen.Sdk.Fuzzing.dll replay $target $dir/findings/default/crashes" >&2
  fi
done

exit "$found"
