"""Notebook parameters read as their declared type.

`python -m analysis run` validates parameters before a notebook runs (`runner.parse_value` uses
these functions); a notebook run directly with `papermill -p` receives strings ('false',
'release, plan'), so the notebooks read their parameters through the same functions.
"""
from __future__ import annotations

import json

import pandas as pd

TRUE_WORDS = ("true", "1", "yes", "y", "on")
FALSE_WORDS = ("false", "0", "no", "n", "off")


def as_bool(value) -> bool:
    """A bool, or a string of TRUE_WORDS / FALSE_WORDS (any case); anything else is a ValueError."""
    if isinstance(value, str):
        low = value.strip().lower()
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
            return False
        raise ValueError(f"not a boolean: {value!r}")
    return bool(value)


def as_list(value) -> list[str]:
    """A list of non-empty strings from a list, a JSON list ('["a", "b"]') or a comma-separated
    string ('a, b'); None is the empty list."""
    if value is None:
        return []
    if isinstance(value, str):
        s = value.strip()
        if s.startswith("["):
            items = json.loads(s)
            if not isinstance(items, list):
                raise ValueError(f"not a list: {value!r}")
            return [str(v).strip() for v in items if str(v).strip()]
        return [v.strip() for v in s.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def as_date(value, name: str):
    """An ISO date parameter ('2024-06-01', or '2024-06' for its first day) as a Timestamp, None
    when empty ('' means open); a ValueError naming the parameter otherwise ('June' included)."""
    if value is None or str(value).strip() == "":
        return None
    try:
        return pd.to_datetime(str(value).strip(), format="ISO8601")
    except (ValueError, TypeError) as e:
        raise ValueError(f"{name}={value!r} is not an ISO date (YYYY-MM-DD)") from e
