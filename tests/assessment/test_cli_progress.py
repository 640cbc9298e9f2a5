"""Progress bars of the science commands: on standard error only when it is a terminal; standard output
carries the data alone either way (``--out -``), and status lines go to standard error."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from soilgw.cli import main
from soilgw.commands import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def series_csv(tmp_path):
    rows = [{"point_id": p, "date": f"20{10 + i}-06-15", "analyte": "硫酸盐", "value": 1.0 + i * (k + 1),
             "unit": "mg/L"} for k, p in enumerate(("W1", "W2", "W3")) for i in range(8)]
    path = tmp_path / "in.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _only_csv(stdout: str, n_rows: int) -> pd.DataFrame:
    table = pd.read_csv(io.StringIO(stdout.lstrip("\ufeff")))
    assert len(table) == n_rows  # nothing but the table: a stray line would be a row or a parse error
    return table


@pytest.mark.parametrize("command", [["trend"], ["trend", "--seasonal", "quarter"], ["stats", "--n-boot", "50"]])
def test_without_a_terminal_no_bar_is_written_and_stdout_is_data(series_csv, capsys, command):
    assert main([command[0], str(series_csv), "--out", "-", *command[1:]]) == 0
    out, err = capsys.readouterr()
    _only_csv(out, 3)
    assert "\r" not in err and "%|" not in err, err  # tqdm's frame: carriage returns and a "nn%|" bar
    assert err.strip().splitlines() == [f"soilgw {command[0]}: 3 {'groups' if command[0] == 'stats' else 'series'}"
                                        " written to -"]


def test_on_a_terminal_the_bar_goes_to_stderr_and_stdout_stays_data(series_csv, capsys, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["stats", str(series_csv), "--out", "-", "--n-boot", "50"]) == 0
    _only_csv(capsys.readouterr().out, 3)
    assert "soilgw stats" in terminal.getvalue() and "groups" in terminal.getvalue()
    assert "\r" in terminal.getvalue()


def test_bar_is_disabled_unless_stderr_is_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert progress.bar(desc="x", total=1).disable
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert not progress.bar(desc="x", total=1).disable
