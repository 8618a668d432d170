#!/usr/bin/env bash
# Live round trip (pnpm conformance): our TypeScript writes files, the real Python frameworks check them.
#   run-live.sh ROOT PYTHON [--golden]
# --golden also re-runs every golden fixture from its native checkpoint (a self-test of the fixtures).
set -uo pipefail
ROOT="$1"; PY="$2"; shift 2
[ "${1:-}" = "--" ] && shift
HERE="$ROOT/tooling/conformance"
WORK="$HERE/.work"
export JAX_PLATFORMS=cpu JAX_ENABLE_X64=0 PYTHONHASHSEED=0 TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
NODE=(node --conditions=@interop/source --import tsx)
cd "$ROOT"
rm -rf "$WORK" && mkdir -p "$WORK/cases"
status=0

echo "== whole models saved by the real frameworks: sources and templates (live/trees.py write)"
export INTEROP_TREES_DIR="$WORK/trees"
"$PY" "$HERE/live/trees.py" write "$INTEROP_TREES_DIR" || status=1

echo
echo "== layer cases contributed by packages (packages/*/conformance/cases.ts)"
if "${NODE[@]}" "$HERE/live/write-cases.ts" "$WORK/cases"; then
  "$PY" "$HERE/live/check_cases.py" "$WORK/cases" || status=1
  echo
  echo "== whole models converted by interop convert --like, loaded in each target's own class (live/trees.py check)"
  "$PY" "$HERE/live/trees.py" check "$WORK/cases"/*/ || status=1
  echo
  echo "== each plugin's own module trees, loaded in the framework's own classes (generators/trees_<fw>.py check)"
  for fw in nnx equinox brainstate; do
    "$PY" "$HERE/generators/trees_$fw.py" check "$WORK/cases/$fw" || status=1
  done
else
  echo "writing TypeScript cases failed"; status=1
fi

echo
echo "== checkpoint formats (packages/formats/scripts/write-samples.ts -> check_formats.py)"
if [ -f "$ROOT/packages/formats/scripts/write-samples.ts" ] && [ -f "$HERE/check_formats.py" ]; then
  mkdir -p "$WORK/formats"
  if "${NODE[@]}" "$ROOT/packages/formats/scripts/write-samples.ts" "$WORK/formats" >/dev/null; then
    "$PY" "$HERE/check_formats.py" "$WORK/formats" || status=1
  else
    echo "write-samples.ts failed"; status=1
  fi
else
  echo "not available yet (no write-samples.ts or check_formats.py): skipped"
fi

echo
echo "== Orbax checkpoints through interop convert: NNX/Linen StandardCheckpointer -> Equinox, Equinox -> Orbax NNX and Linen restored by Orbax (live/orbax_cases.py)"
ORBAX="$WORK/orbax"
if "$PY" "$HERE/live/orbax_cases.py" write "$ORBAX"; then
  # Each case's args with --out OUTPUT, paths made absolute (they are relative to the cases' folder), through the CLI from source.
  while IFS= read -r line; do
    eval "args=($line)"
    "${NODE[@]}" "$ROOT/packages/all/src/cli/bin.ts" convert "${args[@]}" || status=1
  done < <("$PY" -c '
import json, os, shlex, sys
d = sys.argv[1]
for c in json.load(open(os.path.join(d, "cases.json"))):
    args = [os.path.join(d, a) if os.path.exists(os.path.join(d, a)) else a for a in c["args"]]
    print(" ".join(map(shlex.quote, [*args, "--out", os.path.join(d, c["output"])])))' "$ORBAX")
  "$PY" "$HERE/live/orbax_cases.py" check "$ORBAX" || status=1
else
  echo "orbax_cases.py write failed"; status=1
fi

echo
echo "== docs/tutorials task 2: the doc's .eqx of a Flax checkpoint, loaded by Equinox in the doc's class (live/tutorial_eqx.py)"
"$PY" "$HERE/live/tutorial_eqx.py" "$ROOT" "$WORK/tutorial" || status=1

if [ "${1:-}" = "--golden" ]; then
  echo
  echo "== golden fixtures restored from their native checkpoints"
  "$PY" "$HERE/live/check_cases.py" "$HERE"/fixtures/layers_* || status=1
fi

echo
[ $status -eq 0 ] && echo "conformance: ok" || echo "conformance: FAILED"
exit $status
