"""The notebooks' plotly figures, one module per notebook (as `views/` and `findings/`).

Each function takes the tables a view prepared and returns a `Chart`: the figure, or None when there
is nothing to draw, and the table behind it, which `notebook.save_figure` saves as CSV beside the
figure. Hover texts carry each point's quote; `parts` holds the pieces several charts share.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go


class Chart(NamedTuple):
    figure: go.Figure | None
    data: pd.DataFrame
