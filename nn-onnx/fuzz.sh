#!/usr/bin/env bash
# Fuzzes OnnxImport.read(byte[]) for longer than `mvn test` does (4 s), with nn-core/fuzz.sh:
#
#   nn-onnx/fuzz.sh          # 600 s
#   nn-onnx/fuzz.sh 60       # 60 s
#
# Prints the executions, exec/s, coverage (cov), features (ft), corpus size and any finding. New
# interesting inputs go to nn-onnx/.cifuzz-corpus/ (not committed); a finding is written as
# crash-<sha1> into src/test/resources/io/github/nn4j/onnx/fuzz/OnnxImportFuzzTestInputs/onnxRead/,
# where every `mvn test` replays it. Log: nn-onnx/target/fuzz-OnnxImportFuzzTest.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
NN4J_FUZZ_MODULE=nn-onnx NN4J_FUZZ_PACKAGE=io.github.nn4j.onnx.fuzz \
    exec "$here/../nn-core/fuzz.sh" "${1:-600}" OnnxImportFuzzTest:onnxRead
