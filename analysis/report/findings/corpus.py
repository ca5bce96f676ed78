"""Findings of notebook 00 (corpus)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import md_escape, plural


def overview(documents: pd.DataFrame, focus: str = "") -> str:
    """Files read and analysed, how many are dated (and from what), and the company in focus."""
    ok = documents[documents["status"] == "ok"]
    dated = ok[ok["published"].notna()]
    sources = dated["date_source"].value_counts()
    n_undated = len(ok) - len(dated)
    return (
        f"The folder holds {plural(len(documents), 'file')}; {len(ok)} were analysed"
        + (f" and {len(documents) - len(ok)} were not (see the end of this page)" if len(documents) > len(ok) else "")
        + f". {plural(len(dated), 'document')} {'has' if len(dated) == 1 else 'have'} a publication date"
        + (" (" + ", ".join(f"{n} from {s}" for s, n in sources.items()) + ")" if len(dated) else "")
        + f"; {n_undated} {'stays' if n_undated == 1 else 'stay'} undated rather than guessed."
        + (f" The organisation mentioned most often, and so the company in focus, is **{md_escape(focus)}**." if focus else "")
    )
