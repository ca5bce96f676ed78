"""YAML reading for the curated files in `data/`.

PyYAML's C loader (libyaml, shipped in PyYAML's wheels) parses the same YAML ~10x faster than the
pure-Python `yaml.safe_load`; the registries are read at the start of every build and notebook.
Falls back to the pure-Python loader when PyYAML was built without libyaml.
"""
from __future__ import annotations

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    """`yaml.safe_load(stream)` through the C loader when available."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader


def load(path) -> dict:
    """The mapping a YAML file holds ({} for an empty file)."""
    with open(path, encoding="utf-8") as fh:
        return safe_load(fh) or {}
