"""Benchmark: HJ 25.3-2019 risk and control values for all GB 36600 items × N sites.

Each site gets its own soil, groundwater and building parameters (random but physically valid) and its
own concentrations. Prints the time for the array result (unit risks, risks for every pathway, control
values) and, separately, for the tidy long-form conversion.

Run: ``.venv/bin/python bench/bench_risk.py [N_SITES]``
"""

import sys
import time

import numpy as np

from soilgw.assessment.risk import hj25_3
from soilgw.assessment.risk.parameters import gb36600_items, resolve_parameters


def main(n_sites: int = 10_000, repeats: int = 5) -> None:
    rng = np.random.default_rng(0)
    chem = gb36600_items()
    lgw = rng.uniform(100, 1000, n_sites)
    overrides = {
        "rho_b": rng.uniform(1.3, 1.6, n_sites), "Pws": rng.uniform(0.05, 0.18, n_sites),
        "fom": rng.uniform(5, 40, n_sites), "Lgw": lgw, "Ls": rng.uniform(0, 100, n_sites),
        "dsub": rng.uniform(50, 400, n_sites), "d": rng.uniform(20, 100, n_sites),
        "LB": rng.uniform(200, 400, n_sites), "ER": rng.uniform(10, 25, n_sites),
    }
    conc = rng.lognormal(0, 1, (len(chem), n_sites))
    times, long_times = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        params = resolve_parameters(1, overrides)
        ur = hj25_3.unit_risk(chem, params)
        arrays = hj25_3.risk_arrays(ur, conc, conc, conc * 1e-3)
        cv = hj25_3.control_value_arrays(ur, params)
        t1 = time.perf_counter()
        frame = hj25_3.to_long(chem, ur, arrays, {"surface_soil": conc, "subsurface_soil": conc,
                                                  "groundwater": conc * 1e-3}, params)
        t2 = time.perf_counter()
        times.append(t1 - t0)
        long_times.append(t2 - t1)
    print(f"chemicals: {len(chem)}  sites: {n_sites}  pathways: {len(hj25_3.PATHWAYS)}  "
          f"values per array: {cv['RCVS'].size:,}")
    print(f"array result (parameters, unit risk, risk per pathway, RCVS/HCVS/RCVG/HCVG): "
          f"best {min(times):.3f} s, median {np.median(times):.3f} s over {repeats}")
    print(f"long-form conversion ({len(frame):,} rows): best {min(long_times):.3f} s, "
          f"median {np.median(long_times):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
