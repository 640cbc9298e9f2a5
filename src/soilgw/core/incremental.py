"""Incremental ``load-county-data``: a loader whose code and source files are unchanged is skipped.

While a loader runs, every file it opens under the bundled data directory or the ``soilgw`` package is
recorded (an audit hook on ``open``) with its sha256 in a ``LoaderRun``. The next run skips the loader when
the hash of its app's code, the standards and the as-of date (``code_sha256``), and every recorded file's
sha256 are unchanged, and none of the loaders it depends on ran again — so the evaluation after loading
runs only when a dataset it evaluates changed. Files read by C libraries (GDAL) bypass the hook; their
loader's code hash still covers a changed loader, and ``--force`` reloads everything.
"""

from __future__ import annotations

import hashlib
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

import soilgw

from .loaders import Loader
from .models import LoaderRun

PACKAGE_DIR = Path(soilgw.__file__).resolve().parent
_recording: set[Path] | None = None
_hook_installed = False


def _audit(event: str, args) -> None:
    if _recording is not None and event == "open" and isinstance(args[0], str | Path):
        _recording.add(Path(args[0]))


@contextmanager
def recording_opens():
    """Collect into the yielded set the paths of files opened inside the block."""
    global _recording, _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)  # cannot be removed; inert while not recording
        _hook_installed = True
    _recording = set()
    try:
        yield _recording
    finally:
        _recording = None


def _roots() -> dict[str, Path]:
    return {"data": Path(settings.DATA_DIR).resolve(), "package": PACKAGE_DIR}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_hashes(paths) -> dict[str, str]:
    """``{"root:relative path": sha256}`` of the regular files among ``paths`` under the data or package root."""
    out = {}
    for raw in paths:
        path = Path(raw).resolve()
        for name, root in _roots().items():
            if path.is_relative_to(root) and path.is_file() and path.suffix not in (".pyc", ".mo"):
                out[f"{name}:{path.relative_to(root).as_posix()}"] = _sha256(path)
                break
    return out


def _current(key: str) -> str | None:
    name, _, rel = key.partition(":")
    path = _roots().get(name, Path("/nonexistent")) / rel
    return _sha256(path) if path.is_file() else None


def code_hash(loader: Loader) -> str:
    """sha256 of the loader's app package code, the standards tables and the as-of date."""
    app = PACKAGE_DIR / loader.func.__module__.split(".")[1]
    files = sorted([*app.rglob("*.py"), *(PACKAGE_DIR / "standards").rglob("*.*"),
                    *(PACKAGE_DIR / "assessment").rglob("*.py")])
    h = hashlib.sha256(settings.SOILGW_AS_OF.encode())
    for f in files:
        if "__pycache__" not in f.parts:
            h.update(f.relative_to(PACKAGE_DIR).as_posix().encode() + _sha256(f).encode())
    return h.hexdigest()


def unchanged(loader: Loader, ran: set[str]) -> bool:
    """True when ``loader`` may be skipped: same code and files as its last run, no dependency in ``ran``."""
    if ran & set(loader.depends_on):
        return False
    last = LoaderRun.objects.filter(name=loader.name).first()
    if last is None or last.code_sha256 != code_hash(loader):
        return False
    return all(_current(key) == sha for key, sha in last.files.items())


def run(loader: Loader) -> str:
    """Run ``loader``, recording the files it reads; returns its summary."""
    with recording_opens() as opened:
        summary = loader.func()
    LoaderRun.objects.update_or_create(name=loader.name, defaults={
        "code_sha256": code_hash(loader), "files": file_hashes(opened), "summary": str(summary)[:2000]})
    return summary
