"""Incremental load-county-data: unchanged datasets are skipped, a changed file reloads its loader and the
loaders depending on it (the evaluation), and nothing else."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import call_command

from soilgw.core import loaders
from soilgw.core.models import LoaderRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_loaders(monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "c.csv").write_text("y\n2\n")
    runs = []

    def read(name):
        def func():
            runs.append(name)
            return (tmp_path / f"{name}.csv").read_text().strip()
        return func

    def evaluate():
        runs.append("evaluate")
        return "evaluated"

    monkeypatch.setattr(loaders, "_LOADERS", {
        "a": loaders.Loader("a", read("a")), "c": loaders.Loader("c", read("c")),
        "evaluate": loaders.Loader("evaluate", evaluate, ("a",))})
    return tmp_path, runs


def _load(*args) -> str:
    out = io.StringIO()
    call_command("load_county_data", *args, stdout=out)
    return out.getvalue()


def test_unchanged_files_are_skipped_and_a_changed_file_reloads_its_dependents(fake_loaders):
    data, runs = fake_loaders
    _load()
    assert sorted(runs) == ["a", "c", "evaluate"]
    assert set(LoaderRun.objects.get(name="a").files) == {"data:a.csv"}
    runs.clear()
    out = _load()
    assert runs == [] and out.count("unchanged, skipped") == 3
    (data / "a.csv").write_text("x\n1\n2\n")
    _load()
    assert runs == ["a", "evaluate"]  # c is unchanged
    runs.clear()
    _load("--force")
    assert sorted(runs) == ["a", "c", "evaluate"]


def test_a_deleted_source_file_counts_as_changed(fake_loaders):
    data, runs = fake_loaders
    _load()
    (data / "c.csv").unlink()
    runs.clear()
    with pytest.raises(FileNotFoundError):
        _load()
    assert runs == ["c"]


def test_progress_bar_on_a_terminal_stderr_only_and_summaries_on_stdout(fake_loaders, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = _load()
    assert "evaluate: evaluated" in out and "load-county-data" not in out  # the bar never on stdout
    assert "load-county-data" in terminal.getvalue() and "/3 [" in terminal.getvalue()
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert _load().count("unchanged, skipped") == 3 and sys.stderr.getvalue() == ""  # no terminal, no bar
