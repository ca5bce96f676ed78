"""Tiny value helpers shared by the tables' consumers: what counts as empty, numbers from cells.

A CSV round trip turns missing values into NaN, None or "" depending on the column; every consumer
must agree on what "unknown" is, so they all ask here.
"""
from __future__ import annotations

import math

import pandas as pd


def is_blank(v) -> bool:
    """None, NaN, pandas NA/NaT and whitespace-only strings are blank; 0 and False are not."""
    t = type(v)
    if v is None:
        return True
    if t is str:
        return not v.strip()
    if t is float:
        return v != v
    if t is int or t is bool:
        return False
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # lists, arrays: a value, not a missing one
        return False


def text_or_empty(v) -> str:
    return "" if is_blank(v) else str(v)


def to_float(v) -> float | None:
    """The cell as a float, or None when it is blank or not a number."""
    if is_blank(v):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def concat_typed(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames with the same columns stacked, typed as one frame built from all their values: a
    column whose dtype differs between the parts (e.g. all-empty in one) is inferred again from
    all its values. An empty part adds nothing (its columns may be typed differently)."""
    nonempty = [p for p in parts if len(p)]
    if len(nonempty) <= 1:
        return nonempty[0] if nonempty else parts[0]
    df = pd.concat(nonempty, ignore_index=True)
    for c in df.columns:
        if len({p[c].dtype for p in nonempty}) > 1:
            df[c] = pd.DataFrame.from_records([(v,) for v in df[c].tolist()], columns=[c])[c]
    return df
