"""report.params: notebook parameters read as their type (papermill -p passes strings)."""
import pandas as pd
import pytest

from analysis.report.params import as_bool, as_date, as_list
from analysis.report.runner import ParameterError, parse_value


def test_as_bool():
    assert as_bool("false") is False and as_bool("True") is True and as_bool(" no ") is False
    assert as_bool(False) is False and as_bool(1) is True
    for bad in ("maybe", ""):
        with pytest.raises(ValueError):
            as_bool(bad)


def test_as_list():
    assert as_list("release, plan") == ["release", "plan"]
    assert as_list('["a", "b"]') == ["a", "b"] and as_list([]) == [] and as_list(None) == []
    assert as_list(["a", " ", "b "]) == ["a", "b"]
    with pytest.raises(ValueError):
        as_list('["a",')


def test_as_date():
    assert as_date("", "date_from") is None and as_date(None, "date_to") is None
    assert as_date(" 2024-06-01 ", "date_from") == pd.Timestamp("2024-06-01")
    with pytest.raises(ValueError, match="date_to='June' is not an ISO date"):
        as_date("June", "date_to")


def test_the_runner_reads_parameters_the_same_way():
    assert parse_value("x", "yes", "bool") is True and parse_value("x", "a, b", "list") == ["a", "b"]
    assert parse_value("x", '{"a": 1}', "dict") == {"a": 1}
    with pytest.raises(ParameterError, match="'x': 'maybe' is not a valid bool"):
        parse_value("x", "maybe", "bool")
    with pytest.raises(ParameterError, match="is not a valid dict"):
        parse_value("x", "[1]", "dict")
