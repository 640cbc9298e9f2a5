"""``soilgw --version`` prints the installed version on stdout and exits 0, without loading Django."""

from __future__ import annotations

from importlib.metadata import version

from soilgw.cli import main


def test_version(capsys):
    for flag in ("--version", "-V"):
        assert main([flag]) == 0
        out, err = capsys.readouterr()
        assert out.strip() == f"soilgw {version('soilgw')}" and err == ""
