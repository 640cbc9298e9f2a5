"""Benchmark: krige Cd and pH from 5,000 points onto 100,000 unit centroids and classify the units (GB 15618).

Prints wall time and peak traced memory of each stage, and the ratio to the library alone (gstools
``krige.Ordinary`` with the same fitted variogram). gstools solves every target against all n data (unique
neighbourhood, O(n²) per target), so its set-up is timed once and its prediction on ``--library-targets``
centroids is scaled linearly to the full set; our global solver is timed on the same subset for a like-for-like
ratio.

Run: ``.venv/bin/python bench/bench_kriging.py [--points 5000] [--targets 100000] [--neighbours 32]``.
Synthetic data (seeded): a lognormal Cd field and a Gaussian pH field from gstools spatial random fields over a
30 km × 30 km county in EPSG:4546 metres.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import gstools as gs
import numpy as np
import pandas as pd

from soilgw.assessment import spatial_kriging
from soilgw.assessment.farmland_units import classify_units
from soilgw.assessment.spatial import interpolate as guarded_interpolate
from soilgw.assessment.spatial_solvers import ordinary_kriging


def _data(n_points: int, n_targets: int, seed: int = 20231):
    rng = np.random.default_rng(seed)
    side = 30_000.0
    x, y = rng.uniform(0, side, n_points), rng.uniform(0, side, n_points)
    cd = np.exp(np.log(0.25) + gs.SRF(gs.Spherical(dim=2, var=0.35, len_scale=4000), seed=seed)((x, y)))
    ph = 6.3 + gs.SRF(gs.Exponential(dim=2, var=0.6, len_scale=3000), seed=seed + 1)((x, y))
    samples = pd.DataFrame({"x": x, "y": y, "cd": cd, "ph": ph})
    targets = pd.DataFrame({"x": rng.uniform(0, side, n_targets), "y": rng.uniform(0, side, n_targets)},
                           index=pd.Index([f"u{i}" for i in range(n_targets)], name="unit_id"))
    return samples, targets


CPU = {}


def _timed(func):
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    out = func()
    seconds = time.perf_counter() - t0
    CPU[func] = time.process_time() - c0  # all threads of this process: less sensitive to other jobs' load
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=5000)
    ap.add_argument("--targets", type=int, default=100_000)
    ap.add_argument("--neighbours", type=int, default=32)
    ap.add_argument("--chunk", type=int, default=5000)
    ap.add_argument("--library-targets", type=int, default=1000)
    ap.add_argument("--skip-library", action="store_true", help="time only our pipeline")
    args = ap.parse_args()
    samples, targets = _data(args.points, args.targets)
    def krige():
        results = {c: ordinary_kriging(samples.x, samples.y, samples[c], targets.x, targets.y,
                                       neighbours=args.neighbours, chunk_size=args.chunk) for c in ("cd", "ph")}
        return pd.DataFrame({c: r.prediction for c, r in results.items()}, index=targets.index), results

    (pred, results), t_krige, m_krige = _timed(krige)
    units = pd.DataFrame({"unit_id": targets.index, "land_use": "paddy"})
    empty = pd.DataFrame({"sample_id": pd.Series(dtype=object), "analyte": pd.Series(dtype=object),
                          "value": pd.Series(dtype=float), "unit": pd.Series(dtype=object),
                          "ph": pd.Series(dtype=float)})
    no_points = pd.DataFrame({"sample_id": pd.Series(dtype=object), "unit_id": pd.Series(dtype=object)})
    def classify():
        return classify_units(empty, no_points, units, estimates=pred)

    classified, t_class, m_class = _timed(classify)
    cpu_ours = CPU[krige] + CPU[classify]
    counts = classified.units["category"].value_counts()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"points {args.points}, centroids {args.targets}, neighbours {args.neighbours}, chunk {args.chunk}")
    for col in ("cd", "ph"):
        r = results[col]
        print(f"  {col}: transform {r.transform}, model {r.variogram.best.model}, "
              f"LOO ME {r.cross_validation.mean_error:.4g}, RMSE {r.cross_validation.rmse:.4g}")
    print(f"kriging Cd + pH (variogram fits, LOO on {args.points} points, 2 x {args.targets} predictions): "
          f"{t_krige:.1f} s wall, {CPU[krige]:.1f} s CPU, peak traced {m_krige:.0f} MiB")
    print(f"classifying {args.targets} units (GB 15618 via classify_units): {t_class:.1f} s wall, "
          f"{CPU[classify]:.1f} s CPU, peak traced {m_class:.0f} MiB")
    print(f"total {t_krige + t_class:.1f} s wall, {cpu_ours:.1f} s CPU (aim < 60 s); max RSS so far {rss:.0f} MiB")
    print(f"categories: {dict(counts)}")
    xy_all, t_xy = samples[["x", "y"]].to_numpy(), targets[["x", "y"]].to_numpy()
    guarded, t_guard, m_guard = _timed(lambda: guarded_interpolate(xy_all, samples["cd"].to_numpy(), t_xy,
                                                                   neighbours=args.neighbours))
    print(f"guarded interpolate Cd (3 candidate fits + guards + LOO each, {args.targets} predictions): "
          f"{t_guard:.1f} s wall, peak traced {m_guard:.0f} MiB; method {guarded.method_used}, "
          f"model {guarded.variogram.model if guarded.variogram else None}, warnings {len(guarded.warnings)}")
    print(f"ratio guarded Cd / plain pipeline per element ({t_krige / 2:.1f} s): {t_guard / (t_krige / 2):.3f}")
    if args.skip_library:
        return

    # Library alone, on a subset: gstools Ordinary kriging (unique neighbourhood) with the fitted Cd variogram.
    sub = targets.iloc[: args.library_targets]
    fit = results["cd"].variogram.best
    z = np.log(samples["cd"].to_numpy())
    xy = samples[["x", "y"]].to_numpy()

    ok, t_lib_init, m_lib_init = _timed(lambda: gs.krige.Ordinary(fit.covmodel(), (xy[:, 0], xy[:, 1]), z,
                                                                    exact=True, pseudo_inv=False))
    (lib_pred, _), t_lib, m_lib = _timed(lambda: ok((sub["x"].to_numpy(), sub["y"].to_numpy()), return_var=True))
    vario = fit.covmodel().vario_nugget
    (g_pred, _, _), t_glob, _ = _timed(lambda: spatial_kriging.krige_global(xy, z, sub[["x", "y"]].to_numpy(),
                                                                            vario, args.chunk))
    scale = args.targets / args.library_targets
    lib_full = t_lib_init + t_lib * scale
    print(f"library alone (gstools krige.Ordinary, all {args.points} data per target, with variance): "
          f"set-up {t_lib_init:.1f} s (peak traced {m_lib_init:.0f} MiB) + {t_lib:.1f} s for "
          f"{args.library_targets} targets (peak traced {m_lib:.0f} MiB) -> {lib_full:.0f} s for {args.targets}")
    print(f"our global solver on the same {args.library_targets} targets: {t_glob:.1f} s "
          f"(max |diff| vs gstools {np.max(np.abs(g_pred - lib_pred)):.2e})")
    print(f"ratio ours (local pipeline, 2 elements + classification) / library alone scaled (1 element): "
          f"{(t_krige + t_class) / lib_full:.3f}")
    print(f"ratio guarded Cd / library alone scaled: {t_guard / lib_full:.3f}")
    print(f"ratio our global solver (set-up included) / gstools (set-up included) on the same subset: "
          f"{t_glob / (t_lib_init + t_lib):.3f}")


if __name__ == "__main__":
    main()
