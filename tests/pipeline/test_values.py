import math

import pandas as pd
import pytest

from analysis.pipeline.values import is_blank, text_or_empty, to_float


@pytest.mark.parametrize("v", [None, float("nan"), pd.NA, pd.NaT, "", "   ", math.nan])
def test_blank(v):
    assert is_blank(v) and text_or_empty(v) == "" and to_float(v) is None


@pytest.mark.parametrize("v", [0, 0.0, False, "0", "x", [1, 2], 1e9])
def test_not_blank(v):
    assert not is_blank(v)


def test_to_float():
    assert to_float("1.5e9") == 1.5e9 and to_float(3) == 3.0 and to_float("abc") is None
