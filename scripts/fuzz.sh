#!/bin/sh
# Runs every libFuzzer target of aiconsole-fuzz for FUZZ_SECONDS each, from the seeds under
# Tests/Corpus, keeping what it learns in .build/fuzz/corpus and any crash under
# .build/fuzz/crashes; one JSON line of figures per target goes to $1.
set -eu
report=$1
seconds=${FUZZ_SECONDS:-60}
binary=.build-fuzz/debug/aiconsole-fuzz
mkdir -p .build/fuzz/crashes
: > "$report"
for target in json yaml jsonpatch selectors prometheus logline kubeconfig; do
  corpus=.build/fuzz/corpus/$target
  mkdir -p "$corpus"
  seeds=""
  case $target in
    json|jsonpatch) seeds="Tests/Corpus/json Tests/Corpus/jsonpatch" ;;
    yaml) seeds="Tests/Corpus/yaml" ;;
    selectors) seeds="Tests/Corpus/selectors" ;;
    prometheus) seeds="Tests/Corpus/prometheus" ;;
    logline) seeds="Tests/Corpus/logfilters" ;;
    kubeconfig) seeds="Tests/Corpus/kubeconfig" ;;
  esac
  before=$(ls .build/fuzz/crashes | wc -l)
  log=.build/fuzz/$target.log
  # A crash ends the run with a non-zero status; the figures are still wanted.
  SWIFT_BACKTRACE=enable=no AICONSOLE_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=.build/fuzz/crashes/$target- "$corpus" $seeds \
    > "$log" 2>&1 || true
  runs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log" | tail -1)
  crashes=$(( $(ls .build/fuzz/crashes | wc -l) - before ))
  printf '{"target":"%s","seconds":%s,"inputs_tried":%s,"corpus_size":%s,"crashes_found":%s}\n' \
    "$target" "$seconds" "${runs:-0}" "$(ls "$corpus" | wc -l)" "$crashes" >> "$report"
  echo "fuzz $target: ${runs:-0} inputs, $crashes crashes"
done
