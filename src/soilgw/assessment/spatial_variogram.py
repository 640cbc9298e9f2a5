"""Sample variograms and weighted least-squares model fits for kriging (gstools).

Conventions (they differ between tools, so they are stated here):

* Semivariance γ(h) = ½ E[(Z(x) − Z(x+h))²] (Matheron estimator), never 2γ.
* ``range_parameter`` follows R gstat's ``vgm()``: spherical γ = c·(1.5h/a − 0.5(h/a)³) for h < a;
  exponential γ = c·(1 − exp(−h/a)); gaussian γ = c·(1 − exp(−(h/a)²)). gstools models are built with
  ``rescale=1`` so that their ``len_scale`` equals ``a`` for all three. The practical range (95 % of the sill)
  is a, 3a and √3·a respectively.
* ``sill`` is the partial sill c (without the nugget); the total sill is ``nugget + sill``.
* The fit minimises the weighted SSE Σ w_j (γ̂_j − γ(h_j))² with w_j = N_j / h_j² (gstat ``fit.method = 7``),
  with h_j the lag of bin j (bin centre here; gstat uses the mean pair distance).
"""

from __future__ import annotations

from dataclasses import dataclass

import gstools as gs
import numpy as np

#: Variogram model name → gstools class (all built with rescale=1, see module notes).
MODELS = {"spherical": gs.Spherical, "exponential": gs.Exponential, "gaussian": gs.Gaussian}
#: Practical range / range parameter, per model.
PRACTICAL_RANGE_FACTOR = {"spherical": 1.0, "exponential": 3.0, "gaussian": float(np.sqrt(3.0))}
WEIGHTS_RULE = "N_j/h_j^2 (gstat fit.method 7)"


@dataclass(frozen=True)
class EmpiricalVariogram:
    """Sample (experimental) semivariogram.

    Attributes
    ----------
    lag : ndarray, shape (k,) [m]
        Lag of each non-empty bin (bin centre).
    gamma : ndarray, shape (k,) [unit²]
        Matheron semivariance.
    pairs : ndarray of int, shape (k,)
        Number of point pairs per bin.
    bin_edges : ndarray, shape (b + 1,) [m]
        Bin edges used (empty bins are dropped from ``lag``/``gamma``/``pairs``).
    estimator : str
    """

    lag: np.ndarray
    gamma: np.ndarray
    pairs: np.ndarray
    bin_edges: np.ndarray
    estimator: str = "matheron"


@dataclass(frozen=True)
class VariogramFit:
    """One fitted isotropic variogram model.

    Attributes
    ----------
    model : {"spherical", "exponential", "gaussian"}
    nugget, sill : float [unit²]
        Nugget and partial sill.
    range_parameter : float [m]
        ``a`` in R gstat's ``vgm()`` convention (= gstools ``len_scale`` with rescale=1).
    practical_range : float [m]
    wsse : float [unit⁴/m²]
        Weighted sum of squared errors of the fit (weights :data:`WEIGHTS_RULE`).
    weights : str
    library, library_version : str
    """

    model: str
    nugget: float
    sill: float
    range_parameter: float
    practical_range: float
    wsse: float
    weights: str = WEIGHTS_RULE
    library: str = "gstools"
    library_version: str = gs.__version__

    def covmodel(self) -> gs.CovModel:
        """The gstools covariance model with these parameters."""
        return build_model(self.model, self.nugget, self.sill, self.range_parameter)

    def semivariance(self, h) -> np.ndarray:
        """γ(h) [unit²] including the nugget for h > 0 (γ(0) = 0); h [m], any shape.

        Evaluates gstools' correlation function directly (nugget + sill·(1 − ρ(h/a))), which equals
        ``CovModel.vario_nugget`` without its generic per-call overhead (checked in the tests).
        """
        m = self.covmodel()
        h = np.asarray(h, dtype=float)
        return np.where(h > 0.0, m.nugget + m.var * (1.0 - m.cor(h / m.len_rescaled)), 0.0)


@dataclass(frozen=True)
class VariogramSelection:
    """Result of :func:`select_variogram`: the chosen fit and every candidate's fit (by model name)."""

    best: VariogramFit
    candidates: dict
    empirical: EmpiricalVariogram
    criterion: str = "minimum weighted SSE"


def _model_class(name: str):
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"unknown variogram model {name!r}; valid: {', '.join(MODELS)}") from None


def build_model(name: str, nugget: float, sill: float, range_parameter: float) -> gs.CovModel:
    """gstools model ``name`` with nugget, partial sill and gstat-convention range [m].

    Raises
    ------
    ValueError
        Unknown model name (the message lists the valid ones).
    """
    return _model_class(name)(dim=2, var=sill, len_scale=range_parameter, nugget=nugget, rescale=1.0)


def empirical_variogram(x, y, values, *, bin_edges=None, n_bins: int = 15, cutoff: float | None = None
                        ) -> EmpiricalVariogram:
    """Isotropic Matheron sample variogram.

    Parameters
    ----------
    x, y : array_like, shape (n,) [m]
        Projected coordinates.
    values : array_like, shape (n,)
        Values (already transformed if a transform is used).
    bin_edges : array_like, optional [m]
        Explicit bin edges; default ``n_bins`` equal bins up to ``cutoff``.
    n_bins : int
    cutoff : float, optional [m]
        Default one third of the bounding-box diagonal (as R gstat).

    Returns
    -------
    EmpiricalVariogram

    References
    ----------
    Matheron G. (1962) Traité de géostatistique appliquée; Webster R., Oliver M.A. (2007) Geostatistics for
    Environmental Scientists, 2nd ed., Wiley, eq. 4.12. DOI 10.1002/9780470517277.
    """
    x, y, z = (np.asarray(a, dtype=float) for a in (x, y, values))
    if bin_edges is None:
        if cutoff is None:
            cutoff = float(np.hypot(np.ptp(x), np.ptp(y))) / 3.0
        bin_edges = np.linspace(0.0, cutoff, n_bins + 1)
    bin_edges = np.asarray(bin_edges, dtype=float)
    centre, gamma, counts = gs.vario_estimate((x, y), z, bin_edges, return_counts=True)
    keep = counts > 0
    return EmpiricalVariogram(np.asarray(centre)[keep], np.asarray(gamma)[keep],
                              np.asarray(counts)[keep].astype(int), bin_edges)


def weighted_sse(fit_model: gs.CovModel, lag, gamma, pairs) -> float:
    """Σ N_j/h_j² · (γ̂_j − γ(h_j))² — the gstat ``fit.method = 7`` objective."""
    lag, gamma, pairs = (np.asarray(a, dtype=float) for a in (lag, gamma, pairs))
    return float(np.sum(pairs / lag**2 * (gamma - fit_model.vario_nugget(lag)) ** 2))


def fit_variogram(empirical: EmpiricalVariogram, model: str) -> VariogramFit:
    """Fit nugget, partial sill and range of ``model`` by weighted least squares.

    Parameters
    ----------
    empirical : EmpiricalVariogram
    model : {"spherical", "exponential", "gaussian"}

    Returns
    -------
    VariogramFit

    Raises
    ------
    ValueError
        Unknown model, or fewer than three non-empty bins.

    References
    ----------
    Cressie N. (1985) Fitting variogram models by weighted least squares, Math. Geol. 17:563–586,
    DOI 10.1007/BF01032109; Pebesma E.J. (2004) Multivariable geostatistics in S: the gstat package,
    Comput. Geosci. 30:683–691, DOI 10.1016/j.cageo.2004.03.012 (fit.method 7).
    """
    cls = _model_class(model)
    lag, gamma, pairs = empirical.lag, empirical.gamma, empirical.pairs
    if len(lag) < 3:
        raise ValueError(f"a variogram fit needs at least 3 non-empty lag bins, got {len(lag)}")
    weights = np.sqrt(pairs / lag**2)  # gstools minimises Σ (w·residual)²
    top = float(np.max(gamma))
    best = None
    for start in (0.25, 0.5, 1.0):  # a few starting ranges guard against a local minimum
        m = cls(dim=2, rescale=1.0)
        init = {"var": max(top - float(gamma[0]) / 2, top * 0.1), "len_scale": start * float(lag[-1]),
                "nugget": float(gamma[0]) / 2}
        m.fit_variogram(lag, gamma, weights=weights, loss="linear", init_guess=init, max_eval=20000)
        sse = weighted_sse(m, lag, gamma, pairs)
        if best is None or sse < best[0]:
            best = (sse, m.nugget, m.var, m.len_scale)
    sse, nugget, sill, rng = best
    return VariogramFit(model, float(nugget), float(sill), float(rng), float(rng * PRACTICAL_RANGE_FACTOR[model]),
                        float(sse))


def select_variogram(empirical: EmpiricalVariogram, models=tuple(MODELS)) -> VariogramSelection:
    """Fit each of ``models`` and keep the one with the smallest weighted SSE.

    Returns
    -------
    VariogramSelection
        ``best`` plus every candidate fit, so the choice can be shown and audited.
    """
    fits = {name: fit_variogram(empirical, name) for name in models}
    best = min(fits.values(), key=lambda f: f.wsse)
    return VariogramSelection(best, fits, empirical)
