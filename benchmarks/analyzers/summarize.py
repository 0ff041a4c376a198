#!/usr/bin/env python3
"""Reads the ReportAnalyzer section of a detailed build log and compares the Turen rules with the CA security rules."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
row = re.compile(r"^\s*(<?\d+(?:\.\d+)?)\s+(<?\d+)\s+(\S.*?)\s*$")
times = {}
for line in text.splitlines():
    m = row.match(line)
    if not m:
        continue
    seconds = 0.0005 if m.group(1).startswith("<") else float(m.group(1))
    name = m.group(3)
    times[name] = max(times.get(name, 0.0), seconds)

ours = {n: t for n, t in times.items() if n.startswith("Turen.Sdk.Analyzers.Rules.")}
security = {n: t for n, t in times.items() if ".Security." in n and not n.startswith("Turen.")}
total_ours = sum(ours.values())
total_security = sum(security.values())
print(f"Turen rules: {total_ours:.3f} s")
for name, t in sorted(ours.items(), key=lambda kv: -kv[1]):
    share = 100.0 * t / total_ours if total_ours else 0.0
    print(f"  {t:8.3f} s  {share:5.1f}%  {name}")
print(f"CA security rules ({len(security)} analyzers): {total_security:.3f} s")
for name, t in sorted(security.items(), key=lambda kv: -kv[1])[:10]:
    print(f"  {t:8.3f} s  {name}")
if total_security:
    print(f"ratio Turen / CA security: {total_ours / total_security:.2f}")
largest = max((100.0 * t / total_ours for t in ours.values()), default=0.0) if total_ours else 0.0
print(f"largest single Turen rule: {largest:.1f}% of Turen total")
