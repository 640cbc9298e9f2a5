"""Parameters of the HJ 25.3-2019 model: defaults by land class, overrides, and chemical properties.

Every value used in a calculation is recorded with its origin (standard table and row, or "override"),
so a report can list what was used and whether it was verified against a second source.

Tables (read only through :func:`soilgw.standards.loader.load_table`; provenance in
``soilgw/standards/data/README.md``):

- ``hj25_3_2019_exposure_parameters`` — exposure, soil, air, groundwater and building defaults
  (HJ 25.3-2019 Appendix G, Table G.1), one column per land class.
- ``hj25_3_2019_chemical_parameters`` — toxicity (SFo, IUR, RfDo, RfC, ABSgi, ABSd) and
  physical-chemical properties (H', Da, Dw, Koc or Kd, S) for every GB 36600-2018 item; rows without
  toxicity values carry the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from soilgw.standards.analytes import UnknownAnalyteError, fold_name, lookup
from soilgw.standards.loader import load_table

EXPOSURE_TABLE = "hj25_3_2019_exposure_parameters"
CHEMICAL_TABLE = "hj25_3_2019_chemical_parameters"

#: Land classes of GB 36600-2018 §4 (1 = 第一类用地, 2 = 第二类用地).
LAND_CLASSES = (1, 2)

#: Numeric columns of the chemical table and their units.
CHEMICAL_UNITS = {
    "sfo": "(mg/kg/d)^-1", "iur": "(ug/m3)^-1", "rfdo": "mg/kg/d", "rfc": "mg/m3",
    "absgi": "unitless", "absd": "unitless", "rba": "unitless", "henry": "unitless",
    "da": "cm2/s", "dw": "cm2/s", "koc": "L/kg", "kd": "L/kg", "solubility": "mg/L", "mw": "g/mol",
}

#: How HJ 25.3-2019 prints a parameter symbol: ``{symbol: (letters, subscript)}`` for the symbols stored in ASCII
#: (``rho_b`` is ρ with subscript b, ``BWa`` is BW with subscript a); symbols not listed print as stored.
PRINTED_SYMBOLS = {
    "rho_b": ("ρ", "b"), "rho_s": ("ρ", "s"), "theta_acap": ("θ", "acap"), "theta_wcap": ("θ", "wcap"),
    "theta_acrack": ("θ", "acrack"), "theta_wcrack": ("θ", "wcrack"), "delta_air": ("δ", "air"),
    "delta_gw": ("δ", "gw"), "eta": ("η", ""), "tau": ("τ", ""), "mu_air": ("μ", "air"),
    "ABSo": ("ABS", "o"), "ATca": ("AT", "ca"), "ATnc": ("AT", "nc"), "BWa": ("BW", "a"), "BWc": ("BW", "c"),
    "DAIRa": ("DAIR", "a"), "DAIRc": ("DAIR", "c"), "EDa": ("ED", "a"), "EDc": ("ED", "c"),
    "EFa": ("EF", "a"), "EFc": ("EF", "c"), "EFIa": ("EFI", "a"), "EFIc": ("EFI", "c"),
    "EFOa": ("EFO", "a"), "EFOc": ("EFO", "c"), "Ev": ("E", "v"), "fspi": ("f", "spi"), "fspo": ("f", "spo"),
    "GWCRa": ("GWCR", "a"), "GWCRc": ("GWCR", "c"), "Ha": ("H", "a"), "Hc": ("H", "c"),
    "OSIRa": ("OSIR", "a"), "OSIRc": ("OSIR", "c"), "PM10": ("PM", "10"), "SERa": ("SER", "a"),
    "SERc": ("SER", "c"), "SSARa": ("SSAR", "a"), "SSARc": ("SSAR", "c"), "Pws": ("P", "ws"),
    "fom": ("f", "om"), "Uair": ("U", "air"), "Ls": ("L", "s"), "dsub": ("d", "sub"), "Lgw": ("L", "gw"),
    "hcap": ("h", "cap"), "hv": ("h", "v"), "Ugw": ("U", "gw"), "Lcrack": ("L", "crack"), "Kv": ("K", "v"),
    "Zcrack": ("Z", "crack"), "Xcrack": ("X", "crack"), "Ab": ("A", "b"), "LB": ("L", "B"),
}

#: Switches that are not numbers but change the model; recorded like parameters.
SWITCHES = {"groundwater_drinking": False}


def _check_land_class(land_class: int) -> int:
    if land_class not in LAND_CLASSES:
        raise ValueError(f"land_class must be one of {LAND_CLASSES} (GB 36600-2018 §4), got {land_class!r}")
    return int(land_class)


@cache
def _exposure_table() -> pd.DataFrame:
    return load_table(EXPOSURE_TABLE).set_index("symbol")


def exposure_defaults(land_class: int) -> pd.DataFrame:
    """Default exposure, soil, air, groundwater and building parameters for one land class.

    Parameters
    ----------
    land_class : {1, 2}
        GB 36600-2018 land class.

    Returns
    -------
    pandas.DataFrame
        Indexed by symbol, columns ``name_zh, name_en, unit, value`` (float, NaN where the class has no
        such receptor, e.g. child parameters on second-class land), ``group, source, source_id,
        verified`` (bool) and ``note``.

    References
    ----------
    HJ 25.3-2019, Appendix G, Table G.1 (values marked ``verified=False`` were recalled and not confirmed
    against a second source).
    """
    land_class = _check_land_class(land_class)
    t = _exposure_table()
    out = t[["name_zh", "name_en", "unit", "group", "source", "source_id", "note"]].copy()
    out.insert(3, "value", pd.to_numeric(t[f"class{land_class}"].replace("", np.nan)))
    out["verified"] = t["verified"].eq("true")
    return out


@dataclass(frozen=True)
class ParameterSet:
    """Resolved parameters for one assessment.

    Attributes
    ----------
    land_class : int
        1 or 2.
    values : Mapping[str, float | numpy.ndarray]
        Symbol → value after overrides; a site-specific override is a 1-D array over sites.
    switches : Mapping[str, bool]
        Model switches (``groundwater_drinking``).
    records : pandas.DataFrame
        One row per parameter: ``symbol, name_zh, name_en, unit, value, default, overridden, source,
        source_id, verified``; ``value`` shows the scalar or ``"site-specific (n values)"``.
    n_sites : int
        Length of the site axis (1 when every value is a scalar).
    """

    land_class: int
    values: Mapping[str, float | np.ndarray]
    switches: Mapping[str, bool]
    records: pd.DataFrame
    n_sites: int

    def __getitem__(self, symbol: str) -> float | np.ndarray:
        return self.values[symbol]


def resolve_parameters(land_class: int, overrides: Mapping[str, object] | None = None,
                       check_soil: bool = True) -> ParameterSet:
    """Apply ``overrides`` to the land-class defaults and record every parameter's origin.

    Parameters
    ----------
    land_class : {1, 2}
        GB 36600-2018 land class.
    overrides : mapping, optional
        Symbol → value (float, or 1-D array of one value per site); also the switch
        ``groundwater_drinking`` (bool). Symbols as in :func:`exposure_defaults` (``"rho_b"``,
        ``"Lgw"``, ``"ACR"`` …).
    check_soil : bool
        Reject a soil whose water-filled porosity ρb·Pws reaches its total porosity 1 − ρb/ρs (no air-filled
        pores, so the vapour equations do not apply). The sensitivity analysis turns this off and reports
        NaN for such perturbations instead.

    Returns
    -------
    ParameterSet

    Raises
    ------
    ValueError
        Unknown symbol (the message lists valid ones), a non-numeric or negative value, site arrays of
        different lengths, a child parameter set on second-class land, hcap + hv ≠ Lgw, or (with
        ``check_soil``) a soil without air-filled porosity (the message names the sites).
    """
    land_class = _check_land_class(land_class)
    defaults = exposure_defaults(land_class)
    overrides = dict(overrides or {})
    switches = dict(SWITCHES)
    for key in list(overrides):
        if key in SWITCHES:
            switches[key] = bool(overrides.pop(key))
    unknown = sorted(set(overrides) - set(defaults.index))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown}; valid: {', '.join(list(defaults.index) + list(SWITCHES))}"
        )
    values: dict[str, float | np.ndarray] = {}
    n_sites = 1
    rows = []
    for sym, row in defaults.iterrows():
        default = row["value"]
        value: float | np.ndarray = default
        if sym in overrides:
            if np.isnan(default):
                raise ValueError(f"parameter {sym!r} does not apply to land class {land_class}")
            value = _as_value(sym, overrides[sym])
            if isinstance(value, np.ndarray):
                if n_sites not in (1, value.size):
                    raise ValueError(f"site-specific arrays differ in length ({n_sites} vs {value.size} for {sym!r})")
                n_sites = value.size
        values[sym] = value
        over = sym in overrides
        shown = f"site-specific ({value.size} values)" if isinstance(value, np.ndarray) else value
        rows.append({
            "symbol": sym, "name_zh": row["name_zh"], "name_en": row["name_en"], "unit": row["unit"],
            "value": shown, "default": default, "overridden": over,
            "source": "override" if over else row["source"],
            "source_id": "" if over else row["source_id"],
            "verified": bool(row["verified"]) and not over,
        })
    _derive_unsaturated_thickness(values, overrides, rows)
    if check_soil:
        theta_as = 1 - np.asarray(values["rho_b"]) / np.asarray(values["rho_s"]) - np.asarray(values["rho_b"]) * np.asarray(values["Pws"])
        bad = np.flatnonzero(np.atleast_1d(theta_as) <= 0)
        if bad.size:
            raise ValueError(
                f"soil without air-filled porosity at site(s) {bad[:10].tolist()}: rho_b·Pws must be below "
                "1 − rho_b/rho_s (check bulk density, particle density and water content)")
    for sym, val in switches.items():
        over = SWITCHES[sym] != val
        rows.append({"symbol": sym, "name_zh": "地下水作为饮用水源", "name_en": "groundwater is a drinking source",
                     "unit": "bool", "value": val, "default": SWITCHES[sym], "overridden": over,
                     "source": "override" if over else "HJ 25.3-2019 §5 (pathway applies only to drinking sources)",
                     "source_id": "" if over else "HJ25.3-2019:pathway-9", "verified": False})
    return ParameterSet(land_class, values, switches, pd.DataFrame(rows), n_sites)


def _derive_unsaturated_thickness(values: dict, overrides: Mapping[str, object], rows: list[dict]) -> None:
    """Keep hcap + hv = Lgw (HJ 25.3-2019 Appendix F): derive hv when Lgw or hcap is overridden alone,
    reject an inconsistent triple."""
    if "hv" in overrides:
        gap = np.asarray(values["hcap"]) + np.asarray(values["hv"]) - np.asarray(values["Lgw"])
        if np.any(np.abs(gap) > 1e-6 * np.asarray(values["Lgw"])):
            raise ValueError("parameters hcap + hv must equal Lgw (capillary zone + unsaturated zone = depth to "
                             "groundwater); override hv together with Lgw or leave hv to be derived")
        return
    if "Lgw" not in overrides and "hcap" not in overrides:
        return
    hv = np.asarray(values["Lgw"]) - np.asarray(values["hcap"])
    if np.any(hv <= 0):
        raise ValueError("parameter Lgw must exceed hcap (depth to groundwater > capillary-zone thickness)")
    values["hv"] = float(hv) if hv.ndim == 0 else hv
    for row in rows:
        if row["symbol"] == "hv":
            row.update(value=values["hv"] if hv.ndim == 0 else f"site-specific ({hv.size} values)",
                       overridden=True, source="derived: hv = Lgw - hcap", source_id="", verified=False)


def _as_value(sym: str, raw: object) -> float | np.ndarray:
    try:
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"parameter {sym!r}: value {raw!r} is not a number") from None
    if arr.ndim > 1:
        raise ValueError(f"parameter {sym!r}: expected a scalar or a 1-D array over sites, got shape {arr.shape}")
    if np.any(~np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"parameter {sym!r}: values must be finite and non-negative, got {raw!r}")
    return float(arr) if arr.ndim == 0 else arr


@cache
def _chemical_table() -> pd.DataFrame:
    t = load_table(CHEMICAL_TABLE)
    for col in CHEMICAL_UNITS:
        t[col] = pd.to_numeric(t[col].replace("", np.nan))
    t["mutagen"] = t["mutagen"].eq("true")
    t["verified"] = t["verified"].eq("true")
    return t


def chemical_table() -> pd.DataFrame:
    """Every row of the chemical parameter table, numeric columns as float (units in ``CHEMICAL_UNITS``).

    References
    ----------
    Toxicity and physical-chemical values: US EPA Regional Screening Levels, May 2018, chemical-specific
    parameters (the databases HJ 25.3-2019 Appendix B names first); per-value origin letters in
    ``tox_keys`` (I = IRIS, P = PPRTV, A = ATSDR, C = Cal EPA, X = PPRTV screening, H = HEAST,
    E = relative potency to benzo[a]pyrene, S/J/O as in the RSL User's Guide).
    """
    return _chemical_table().copy()


def gb36600_items() -> pd.DataFrame:
    """Rows of :func:`chemical_table` for GB 36600-2018 items (Tables 1 and 2), in the standard's order."""
    t = chemical_table()
    return t[t["gb36600_item"] != ""].reset_index(drop=True)


def _row_keys(t: pd.DataFrame) -> dict[str, int]:
    keys: dict[str, int] = {}
    for i, row in t.iterrows():
        for cas in filter(None, (c.strip() for c in row["cas"].split(","))):
            keys.setdefault(cas, i)
        for name in (row["name_en"], row["name_zh"]):
            keys.setdefault(fold_name(name), i)
    return keys


def select_chemicals(chemicals: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of the chemical table for names or CAS numbers (any catalogue alias), in the given order.

    Parameters
    ----------
    chemicals : iterable of str, optional
        Names, aliases or CAS numbers resolved through :func:`soilgw.standards.analytes.lookup`; a name
        the catalogue does not know is matched to the table's own CAS or English/Chinese name (the table
        carries a few validation-only chemicals such as dieldrin). ``None`` → every GB 36600 item.

    Returns
    -------
    pandas.DataFrame
        Chemical rows with an added ``query`` column (the text asked for).

    Raises
    ------
    ValueError
        A name that neither the catalogue nor the table knows, or a catalogue analyte that has no row.
    """
    if chemicals is None:
        out = gb36600_items()
        out.insert(0, "query", out["name_en"])
        return out
    t = _chemical_table()
    keys = _row_keys(t)
    idx = []
    names = list(chemicals)
    for name in names:
        i = None
        try:
            a = lookup(name)
            for cand in [*(c.strip() for c in a.cas.split(",")), fold_name(a.name_en), fold_name(a.name_zh)]:
                if cand and cand in keys:
                    i = keys[cand]
                    break
            if i is None:
                raise ValueError(f"chemical {name!r} ({a.name_en}, CAS {a.cas or '-'}) has no row in {CHEMICAL_TABLE}")
        except UnknownAnalyteError as exc:
            i = keys.get(name.strip(), keys.get(fold_name(name)))
            if i is None:
                raise ValueError(str(exc)) from None
        idx.append(i)
    out = t.loc[idx].reset_index(drop=True).copy()
    out.insert(0, "query", names)
    return out


def apply_chemical_overrides(chem: pd.DataFrame,
                              overrides: Mapping[str, Mapping[str, float]] | None) -> pd.DataFrame:
    """Return ``chem`` with per-chemical property overrides applied and recorded.

    Parameters
    ----------
    chem : pandas.DataFrame
        Rows from :func:`select_chemicals`.
    overrides : mapping, optional
        Chemical (name/alias/CAS as given to :func:`select_chemicals`, or its English name) →
        {column → value}, columns as in ``CHEMICAL_UNITS`` (e.g. ``{"苯": {"koc": 80}}``); NaN removes a value.

    Returns
    -------
    pandas.DataFrame
        A copy; the column ``overridden`` lists the changed columns (``;``-separated) so that
        :func:`chemical_records` reports them with source "override".

    Raises
    ------
    ValueError
        A chemical not in ``chem``, an unknown column, a negative or non-numeric value.
    """
    out = chem.copy()
    if "overridden" not in out.columns:
        out["overridden"] = ""
    for name, values in (overrides or {}).items():
        hit = (out.get("query", out["name_en"]) == name) | (out["name_en"] == name)
        if not hit.any():
            target = select_chemicals([name])["name_en"].iloc[0]  # any alias or CAS
            hit = out["name_en"] == target
        if not hit.any():
            raise ValueError(f"chemical override {name!r}: chemical is not among those assessed")
        for col, val in values.items():
            if col not in CHEMICAL_UNITS:
                raise ValueError(f"chemical override {name!r}: unknown parameter {col!r}; valid: {', '.join(CHEMICAL_UNITS)}")
            try:
                v = float(val)
            except (TypeError, ValueError):
                raise ValueError(f"chemical override {name!r}: {col}={val!r} is not a number") from None
            if v < 0:
                raise ValueError(f"chemical override {name!r}: {col}={v} is negative")
            out.loc[hit, col] = v
            out.loc[hit, "overridden"] = out.loc[hit, "overridden"].map(lambda s, c=col: ";".join(filter(None, [s, c])))
    return out


def chemical_records(chem: pd.DataFrame) -> pd.DataFrame:
    """Long record of every chemical parameter used: ``chemical, cas, parameter, value, unit, source,
    source_id, tox_keys, verified`` (for reports); overridden values have source "override"."""
    rows = []
    for _, r in chem.iterrows():
        changed = set(str(r.get("overridden", "")).split(";"))
        for col, unit in CHEMICAL_UNITS.items():
            if pd.notna(r[col]):
                over = col in changed
                rows.append({"chemical": r["name_en"], "cas": r["cas"], "parameter": col, "value": r[col],
                             "unit": unit, "source": "override" if over else r["source"],
                             "source_id": "" if over else r["source_id"],
                             "tox_keys": "" if over else r["tox_keys"], "verified": bool(r["verified"]) and not over})
    return pd.DataFrame(rows, columns=["chemical", "cas", "parameter", "value", "unit", "source",
                                       "source_id", "tox_keys", "verified"])
