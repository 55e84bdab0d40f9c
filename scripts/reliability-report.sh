#!/bin/sh
# Writes the latest figures of `make soak` or `make fuzz` into docs/reliability.md, between the
# markers <!-- NAME:begin --> and <!-- NAME:end -->, with the machine and the date.
#   scripts/reliability-report.sh soak .build/reliability/soak.jsonl
#   scripts/reliability-report.sh fuzz .build/reliability/fuzz.jsonl
# Each input line is one flat JSON object with a "scenario" (soak) or "target" (fuzz) member.
set -eu
name=$1
input=$2
doc=docs/reliability.md
[ -f "$input" ] || { echo "reliability-report: no figures in $input" >&2; exit 1; }
section=$(mktemp)
{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)."
  echo
  echo "| what | figures |"
  echo "|---|---|"
  # {"a":1,"b":"x"} -> | first value | a 1 · b x |
  sed -e 's/^{//' -e 's/}$//' -e 's/"//g' "$input" | awk -F, '{
    head = $1; sub(/^[^:]*:/, "", head); rest = ""
    for (i = 2; i <= NF; i++) { split($i, kv, ":"); rest = rest (rest == "" ? "" : " · ") kv[1] " " kv[2] }
    printf "| %s | %s |\n", head, rest
  }'
} > "$section"
awk -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" -v file="$section" '
  $0 == begin { print; while ((getline line < file) > 0) print line; skipping = 1; next }
  $0 == end { skipping = 0 }
  !skipping { print }
' "$doc" > "$doc.new"
mv "$doc.new" "$doc"
rm -f "$section"
echo "reliability-report: $name figures written to $doc"
