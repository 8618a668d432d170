"""Cheap fixture consistency check (stdlib only; CI runs it without the venv).

    python3 tooling/conformance/check.py

Fails when a manifest does not record exactly the versions pinned in requirements.lock, names a
file that is missing, disagrees with its folder/file name, or when a fixture folder holds a file
no manifest names, or a file over the size limit.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pins import VERSION_PACKAGES  # noqa: E402

FIXTURES = HERE / "fixtures"
LOCK = HERE / "requirements.lock"
MAX_FILE_BYTES = 1_000_000


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise SystemExit(f"requirements.lock: not an exact pin: {line!r}")
        pins[normalize(name)] = version.strip()
    return pins


def check_manifest(path: pathlib.Path, expected: dict[str, str], errors: list[str]) -> set[str]:
    named: set[str] = {path.name}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        errors.append(f"{path}: invalid JSON ({err})")
        return named
    rel = path.relative_to(FIXTURES)
    if manifest.get("group") != path.parent.name:
        errors.append(f"{rel}: group {manifest.get('group')!r} != folder {path.parent.name!r}")
    if manifest.get("case") != path.stem:
        errors.append(f"{rel}: case {manifest.get('case')!r} != file name {path.stem!r}")
    versions = manifest.get("versions")
    if versions != expected:
        errors.append(f"{rel}: versions {versions} != requirements.lock {expected}")
    for section in ("arrays", "files"):
        entries = manifest.get(section, {})
        if not isinstance(entries, dict):
            errors.append(f"{rel}: '{section}' must be an object")
            continue
        for key, fname in entries.items():
            if not isinstance(fname, str) or "/" in fname or fname.startswith("."):
                errors.append(f"{rel}: {section}[{key!r}] = {fname!r} is not a plain file name")
                continue
            if not (path.parent / fname).is_file():
                errors.append(f"{rel}: {section}[{key!r}] names missing file {fname}")
            named.add(fname)
    return named


def main() -> int:
    lock = read_lock()
    missing = [p for p in VERSION_PACKAGES if normalize(p) not in lock]
    if missing:
        print(f"requirements.lock lacks {missing}", file=sys.stderr)
        return 1
    expected = {p: lock[normalize(p)] for p in VERSION_PACKAGES}
    errors: list[str] = []
    total_bytes = 0
    total_cases = 0
    rows = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.exists() else []:
        named: set[str] = set()
        manifests = sorted(folder.glob("*.json"))
        for manifest in manifests:
            named |= check_manifest(manifest, expected, errors)
        size = 0
        for f in sorted(folder.iterdir()):
            if f.name.startswith("."):
                continue
            if not f.is_file():
                errors.append(f"{f.relative_to(FIXTURES)}: not a plain file (fixture folders are flat)")
                continue
            size += f.stat().st_size
            if f.stat().st_size > MAX_FILE_BYTES:
                errors.append(f"{f.relative_to(FIXTURES)}: {f.stat().st_size} bytes > {MAX_FILE_BYTES}")
            if f.name not in named:
                errors.append(f"{f.relative_to(FIXTURES)}: named by no manifest (stale? run pnpm fixtures)")
        rows.append((folder.name, len(manifests), size))
        total_bytes += size
        total_cases += len(manifests)
    for name, cases, size in rows:
        print(f"  {name:20} {cases:4d} cases  {size / 1024:8.1f} KiB")
    print(f"  {'total':20} {total_cases:4d} cases  {total_bytes / 1024:8.1f} KiB")
    if errors:
        for e in errors[:200]:
            print(f"error: {e}", file=sys.stderr)
        if len(errors) > 200:
            print(f"... and {len(errors) - 200} more", file=sys.stderr)
        return 1
    print("fixtures check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
