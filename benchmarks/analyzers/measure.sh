#!/usr/bin/env bash
# Measures the Turen analyzers beside the SDK's built-in CA security rules in the same compilation:
# the runtime library's own sources (src/Turen.Sdk, src/Shared) plus a generated ~100k-line corpus, built once with
# -p:ReportAnalyzer=true. Prints per-analyzer times, our total, the CA security total and each rule's share of ours.
# Usage: benchmarks/analyzers/measure.sh [WORK_DIR]   (needs python3; the figures are indicative on a shared machine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work/corpus/Sdk"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

dotnet build "$root/analyzers/Turen.Sdk.Analyzers/Turen.Sdk.Analyzers.csproj" -c Release -o "$work/analyzers" -nodeReuse:false >"$work/analyzers.log"
python3 "$here/generate_corpus.py" "$work/corpus/Generated" 100 12
(cd "$root/src" && find Turen.Sdk Shared -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -exec cp --parents {} "$work/corpus/Sdk/" \;)

cat >"$work/corpus/Corpus.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>12</LangVersion>
    <DefineConstants>\$(DefineConstants);TUREN_NSEC</DefineConstants>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>true</EnableNETAnalyzers>
    <!-- The built-in security rules (CA2100, CA23xx, CA3xxx, CA5xxx) all on: the baseline. -->
    <AnalysisModeSecurity>All</AnalysisModeSecurity>
    <NoWarn>\$(NoWarn);CS1591;CS8618</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="NSec.Cryptography" Version="26.4.0" />
    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.3" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="8.0.2" />
    <PackageReference Include="Microsoft.Extensions.Options" Version="8.0.2" />
    <Analyzer Include="$work/analyzers/Turen.Sdk.Analyzers.dll" />
  </ItemGroup>
</Project>
XML
# Findings are warnings here: the subject is cost, and a failed compile could skip analysis.
printf 'is_global = true\n' >"$work/corpus/.globalconfig"
for id in TUR001 TUR002 TUR003 TUR004 TUR005; do printf 'dotnet_diagnostic.%s.severity = warning\n' "$id" >>"$work/corpus/.globalconfig"; done

lines=$(cat $(find "$work/corpus" -name '*.cs') | wc -l)
echo "corpus: $lines lines of C# in $work/corpus"
dotnet build "$work/corpus/Corpus.csproj" -c Release -p:ReportAnalyzer=true -v:d -nodeReuse:false -p:UseSharedCompilation=false >"$work/build.log" || true
python3 "$here/summarize.py" "$work/build.log"
