"""The pairwise engine of :mod:`soilgw.assessment.trends`: Kendall's S, its tie-corrected variance and the
Theil–Sen slope with its confidence limits, over all pairs (i < j) of each series, in bounded memory.

Series are rows of a 2-D array (NaN = no sample). Rows are processed in blocks whose size follows from the series
length, so a block's pairwise arrays stay within :data:`PAIR_BUDGET_BYTES` whatever the length. A series with
more pairs than one block may hold (a logger's daily or hourly record) is walked in slices of its pairs: S and
the slope count are summed over the slices, ties are counted from the sorted values, and the order statistics
Sen's slope needs are selected exactly by narrowing a histogram over repeated passes (no slice is kept).

The estimators are those of Gilbert (1987), eq. 16.3–16.7, and Sen (1968), as documented in
:mod:`soilgw.assessment.trends`; this module only changes how the pairs are visited, not what is computed.
"""

from __future__ import annotations

import numpy as np

#: Working memory one block of pairwise arrays may take [bytes].
PAIR_BUDGET_BYTES = 256 * 2**20
#: Bytes held per pair in a block: two int64 indices and float64 dx, dt, sign product and slope.
_BYTES_PER_PAIR = 48
#: Bins of each narrowing pass, and the most candidate slopes kept for the final exact selection.
_BINS = 4096
_SELECT_CAP = 1_000_000


def interp_rank(sorted_slopes: np.ndarray, counts: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Value at 1-based fractional ``rank`` in each row's first ``counts`` sorted slopes, shape (rows,)."""
    r = np.clip(rank, 1.0, np.maximum(counts, 1.0))
    lo = np.floor(r).astype(int) - 1
    hi = np.minimum(lo + 1, np.maximum(counts.astype(int) - 1, 0))
    rows = np.arange(sorted_slopes.shape[0])
    a = sorted_slopes[rows, np.maximum(lo, 0)]
    b = sorted_slopes[rows, hi]
    return a + (r - 1 - lo) * (b - a)


def _sen_ranks(k: np.ndarray, var: np.ndarray, z_crit: float) -> tuple[np.ndarray, ...]:
    """Fractional ranks of the Sen slope and its lower and upper limits (Gilbert 1987, eq. 16.6–16.7)."""
    c = z_crit * np.sqrt(var)
    return (k + 1.0) / 2.0, (k - c) / 2.0, (k + c) / 2.0 + 1.0


def pair_block(x: np.ndarray, t: np.ndarray, z_crit: float | None = None) -> np.ndarray:
    """Row-wise S, tie-corrected var(S), n and, if ``z_crit`` is given, Sen slope, its limits and pair count,
    for a block of rows (NaN = missing), all pairs held at once. Returns an array of shape (3 or 7, rows)."""
    i, j = np.triu_indices(x.shape[1], k=1)
    dx = x[:, j] - x[:, i]
    dt = t[:, j] - t[:, i]
    s = np.nansum(np.sign(dx * dt), axis=1)
    valid = ~np.isnan(x)
    cnt = valid.sum(axis=1).astype(float)
    # tie groups: for each value, the size t of its group; Σ_groups t(t−1)(2t+5) = Σ_values (t−1)(2t+5)
    eq = (x[:, :, None] == x[:, None, :]).sum(axis=2).astype(float)
    ties = np.where(valid, (eq - 1.0) * (2.0 * eq + 5.0), 0.0).sum(axis=1)
    var = (cnt * (cnt - 1.0) * (2.0 * cnt + 5.0) - ties) / 18.0
    if z_crit is None:
        return np.vstack([s, var, cnt])
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = dx / dt
    slopes[~np.isfinite(slopes)] = np.nan  # same-day pairs (dt = 0) and missing values
    slopes.sort(axis=1)  # NaN sort last
    k = (~np.isnan(slopes)).sum(axis=1).astype(float)
    est = [interp_rank(slopes, k, r) for r in _sen_ranks(k, var, z_crit)]
    est = [np.where(k == 0, np.nan, e) for e in est]
    return np.vstack([s, var, cnt, *est, k])


def rows_per_block(n: int) -> int:
    """Series of length ``n`` one block may hold within :data:`PAIR_BUDGET_BYTES` (0: not even one)."""
    per_row = _BYTES_PER_PAIR * (n * (n - 1) // 2) + 8 * n * n  # the pairs and the tie matrix
    return PAIR_BUDGET_BYTES // max(per_row, 1)


def run_pairs(x: np.ndarray, t: np.ndarray, z_crit: float | None = None) -> np.ndarray:
    """:func:`pair_block` over any number of rows of any length in bounded memory; same shape and values."""
    rows = 3 if z_crit is None else 7
    out = np.empty((rows, x.shape[0]))
    step = rows_per_block(x.shape[1])
    if step == 0:
        for r in range(x.shape[0]):
            out[:, r] = _long_row(x[r], t[r], z_crit)
        return out
    for a in range(0, x.shape[0], step):
        out[:, a:a + step] = pair_block(x[a:a + step], t[a:a + step], z_crit)
    return out


def _slices(x: np.ndarray, t: np.ndarray):
    """(sign product, finite slopes) of all pairs i < j, a slice of first indices at a time."""
    n = x.size
    step = max(1, PAIR_BUDGET_BYTES // (_BYTES_PER_PAIR * n))
    for a in range(0, n - 1, step):
        b = min(a + step, n - 1)
        dx = x[None, a + 1:] - x[a:b, None]
        dt = t[None, a + 1:] - t[a:b, None]
        upper = np.arange(a + 1, n)[None, :] > np.arange(a, b)[:, None]  # j > i
        dx, dt = dx[upper], dt[upper]
        with np.errstate(invalid="ignore", divide="ignore"):
            slopes = dx / dt
        yield np.sign(dx * dt), slopes[np.isfinite(slopes)]


def _long_row(x: np.ndarray, t: np.ndarray, z_crit: float | None) -> np.ndarray:
    """:func:`pair_block` for one series too long for a block, walking its pairs in slices."""
    keep = ~(np.isnan(x) | np.isnan(t))
    x, t = x[keep], t[keep]
    n = float(x.size)
    _, groups = np.unique(x, return_counts=True)
    ties = float((groups * (groups - 1.0) * (2.0 * groups + 5.0)).sum())
    var = (n * (n - 1.0) * (2.0 * n + 5.0) - ties) / 18.0
    s = k = 0.0
    least, most = np.inf, -np.inf
    for sign, slopes in _slices(x, t):
        s += float(sign.sum())
        k += slopes.size
        if z_crit is not None and slopes.size:
            least, most = min(least, slopes.min()), max(most, slopes.max())
    if z_crit is None:
        return np.array([s, var, n])
    if k == 0:
        return np.array([s, var, n, np.nan, np.nan, np.nan, 0.0])
    ranks = [float(np.clip(r, 1.0, k)) for r in _sen_ranks(np.array(k), np.array(var), z_crit)]
    below = [int(np.floor(r)) for r in ranks]
    wanted = sorted(set(below) | {min(b + 1, int(k)) for b in below})
    value = dict(zip(wanted, _order_statistics(x, t, wanted, least, most), strict=True))
    est = [value[b] + (r - b) * (value[min(b + 1, int(k))] - value[b]) for r, b in zip(ranks, below, strict=True)]
    return np.array([s, var, n, *est, k])


def _order_statistics(x: np.ndarray, t: np.ndarray, ranks: list[int], least: float, most: float) -> list[float]:
    """Exact slopes at 1-based integer ``ranks`` among all finite pairwise slopes of one series, whose
    smallest and largest are ``least`` and ``most``.

    Each rank keeps an interval [lo, hi] holding it; every pass over the slices counts the slopes below each
    interval and bins those inside it (ranks sharing an interval share the work), and the interval shrinks to
    the bin holding the rank. When few enough slopes remain inside (or they are all equal), they are collected
    and the rank is read off exactly.
    """
    bounds = {q: (least, most) for q in range(len(ranks))}
    result: dict[int, float] = {}
    while len(result) < len(ranks):
        todo = [q for q in range(len(ranks)) if q not in result]
        seen = {}  # interval -> [below, inside, least, most, histogram, edges]
        for q in todo:
            lo, hi = bounds[q]
            seen.setdefault((lo, hi), [0, 0, np.inf, -np.inf, np.zeros(_BINS), np.linspace(lo, hi, _BINS + 1)])
        for _, slopes in _slices(x, t):
            for (lo, hi), acc in seen.items():
                acc[0] += np.count_nonzero(slopes < lo)
                sel = slopes[(slopes >= lo) & (slopes <= hi)]
                if sel.size:
                    acc[1] += sel.size
                    acc[2], acc[3] = min(acc[2], sel.min()), max(acc[3], sel.max())
                    acc[4] += np.histogram(sel, bins=acc[5])[0]
        collect = {}
        for q in todo:
            below, inside, lo_in, hi_in, hist, edges = seen[bounds[q]]
            if lo_in == hi_in:  # every slope left inside is equal: the rank, which lies inside, is it
                result[q] = float(lo_in)
            elif inside <= _SELECT_CAP:
                collect.setdefault(bounds[q], []).append(q)
            else:  # the bin holding the rank, closed (it may gain the values on its upper edge)
                b = int(np.searchsorted(np.cumsum(hist), ranks[q] - below))
                bounds[q] = (max(edges[b], lo_in), min(edges[min(b + 1, _BINS)], hi_in))
        kept = {interval: [] for interval in collect}
        for _, slopes in _slices(x, t) if collect else ():
            for lo, hi in collect:
                kept[(lo, hi)].append(slopes[(slopes >= lo) & (slopes <= hi)])
        for interval, qs in collect.items():
            values = np.sort(np.concatenate(kept[interval]))
            for q in qs:
                result[q] = float(values[ranks[q] - int(seen[interval][0]) - 1])
    return [result[q] for q in range(len(ranks))]
