"""Re-running the R gstat scripts whose output the spatial tests store under ``fixtures/``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "assessment" / "fixtures"

needs_r = pytest.mark.skipif(shutil.which("Rscript") is None,
                             reason="R is not installed (the stored fixture is used)")


def assert_gstat_reproduces(script: str, prefix: str, stored: dict[str, pd.DataFrame], out: Path) -> None:
    """Run ``fixtures/script`` with R into ``out`` and check every ``{prefix}{name}.csv`` equals ``stored[name]``
    (rtol 1e-9). Skips when the R package gstat is missing."""
    probe = subprocess.run(["Rscript", "-e", "library(gstat)"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("R package gstat is not installed (the stored fixture is used)")
    subprocess.run(["Rscript", str(FIX / script), str(out)], cwd=ROOT, check=True, capture_output=True,
                   timeout=300)
    for name, frame in stored.items():
        fresh = pd.read_csv(out / f"{prefix}{name}.csv")
        pd.testing.assert_frame_equal(fresh, frame, check_exact=False, rtol=1e-9)
