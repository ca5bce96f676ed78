"""How sure a fact row is, from how it was found: `high`, `medium` or `low` (column `confidence`).

Every fact table has the column; charts can mark or filter the rows below a level. For figures
(amounts and compute) the value itself is what can be wrong:
- `high`: a figure as stated ("$5 billion", "350,000 H100s", "five gigawatts");
- `medium`: a qualified figure, a bound or an approximation ("more than $5 billion", "about
  20,000 GPUs"): the value stands for the bound, not the amount;
- `low`: a vague magnitude with no number ("billions of dollars", "hundreds of thousands of
  GPUs"): the value is only an order of magnitude.
Talent moves and model events grade how the person or model and the event were found (their
modules say how).
"""
from __future__ import annotations

LEVELS = ("high", "medium", "low")


def figure_confidence(vague: bool, qualifier: str | None) -> str:
    """The confidence of an amount or a compute figure (see the module docstring)."""
    if vague:
        return "low"
    return "medium" if qualifier else "high"
