#!/usr/bin/env bash
# Fuzzes nn4j's readers of outside bytes for longer than `mvn test` does (4 s each) and prints,
# per target, the executions, the coverage (libFuzzer's "cov": edges of nn4j code reached, "ft":
# features), the corpus size and whether it found anything.
#
#   nn-core/fuzz.sh                       # every target, 600 s each
#   nn-core/fuzz.sh 60 NpyFuzzTest:npyRead   # one target, 60 s
#
# New interesting inputs go to nn-core/.cifuzz-corpus/ (not committed); a finding is written into
# the target's committed inputs folder (src/test/resources/io/github/nn4j/fuzz/<Test>Inputs/<method>/)
# as crash-<sha1>, where every `mvn test` replays it: fix the reader, then commit the file.
# Logs: nn-core/target/fuzz-<Test>.log. Builds the test classes first.
# Other modules reuse it: NN4J_FUZZ_MODULE and NN4J_FUZZ_PACKAGE name the module and the package
# of its fuzz tests (see nn-onnx/fuzz.sh); the folders above are then the module's.
set -uo pipefail
cd "$(dirname "$0")/.."
module=${NN4J_FUZZ_MODULE:-nn-core}
package=${NN4J_FUZZ_PACKAGE:-io.github.nn4j.fuzz}
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ] && [ "$module" = nn-core ]; then
  targets=(NpyFuzzTest:npyRead NpzFuzzTest:npzRead ModelFileFuzzTest:modelFileRead ModelJsonFuzzTest:modelJsonRead
           JsonFuzzTest:jsonRead CheckpointFuzzTest:checkpointResume IdxFuzzTest:idxRead IdxGzipFuzzTest:idxGzipRead
           CsvFuzzTest:csvRead)
fi
mkdir -p "$module/target"
if ! mvn -B -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt \
    -Dmdep.includeScope=test > "$module/target/fuzz-build.log" 2>&1; then
  cat "$module/target/fuzz-build.log"
  exit 1
fi
cd "$module"
classpath="target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)"
printf '%-36s %10s %8s %8s %8s %8s  %s\n' target executions exec/s cov ft corpus finding
for target in "${targets[@]}"; do
  class=${target%%:*}
  method=${target##*:}
  inputs=src/test/resources/${package//.//}/${class}Inputs/${method}
  corpus=.cifuzz-corpus/${package}.${class}/${method}
  log=target/fuzz-${class}.log
  mkdir -p "$corpus" "$inputs"
  java -XX:-OmitStackTraceInFastThrow -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
      --target_class="${package}.${class}" --target_method="$method" \
      -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$inputs/" "$corpus" "$inputs" > "$log" 2>&1
  status=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
  corp=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*')
  finding=none
  if [ $status -ne 0 ]; then
    finding=$(grep -o -E 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/Test unit written to //')
    finding=${finding:-"exit $status, see $log"}
  fi
  printf '%-36s %10s %8s %8s %8s %8s  %s\n' "$class.$method" "${executions:-?}" "${rate:-?}" "${cov:-?}" \
      "${ft:-?}" "${corp:-?}" "$finding"
done
