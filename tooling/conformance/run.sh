#!/usr/bin/env bash
# Ground-truth tooling entry point (see docs/conformance.md).
#   run.sh fixtures [group...]  regenerate fixtures/<group>/ from generators/<group>.py (all by default)
#   run.sh conformance          live round trip: files written by our TypeScript code, checked in Python
#   run.sh check                cheap manifest/lock/file consistency check (no venv needed; CI)
#   run.sh venv                 only create/refresh tooling/conformance/.venv from requirements.lock
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"
LOCK="$HERE/requirements.lock"
WANT_PY="3.11"

ensure_venv() {
  local hash
  hash="$(sha256sum "$LOCK" | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.lock-sha256" 2>/dev/null || true)" = "$hash" ]; then
    return 0
  fi
  local py="${PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "conformance: creating $VENV with $($py --version 2>&1)" >&2
    "$py" -m venv "$VENV"
  fi
  local have
  have="$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if [ "$have" != "$WANT_PY" ]; then
    echo "conformance: warning: requirements.lock was resolved on Python $WANT_PY, venv has $have" >&2
  fi
  echo "conformance: installing requirements.lock into $VENV" >&2
  "$VENV/bin/python" -m pip install --quiet -r "$LOCK"
  echo "$hash" > "$VENV/.lock-sha256"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  venv)
    ensure_venv
    ;;
  fixtures)
    ensure_venv
    "$VENV/bin/python" "$HERE/generate.py" "$@"
    python3 "$HERE/check.py"
    ;;
  check)
    python3 "$HERE/check.py"
    ;;
  conformance)
    ensure_venv
    exec bash "$HERE/live/run-live.sh" "$ROOT" "$VENV/bin/python" "$@"
    ;;
  *)
    echo "usage: run.sh {fixtures [group...]|conformance|check|venv}" >&2
    exit 2
    ;;
esac
