"""Rows as Arrow tables, typed as pandas types the same Python values.

The build collects each file's rows (tuples of str, int, float, bool and None) into Arrow tables:
compact, written to and read from the per-document cache as they are, and turned into the same
DataFrames as `pd.DataFrame.from_records` would make of all the rows at once (`rows_table`,
`concat_parts`, `as_typed`; tested in tests/pipeline/test_build.py). A column's Arrow type is that
of its values (ints beside None stay ints, all None is the null type), so that pandas types it
from the values the table holds, whichever files they came from.
"""
from __future__ import annotations

import logging

import pyarrow as pa

from analysis.pipeline.cache import KEY

log = logging.getLogger("analysis")


def arrow_column(values: list, table: str, column: str) -> pa.Array:
    """One column of Python values (str, int, float, bool, None) as an Arrow array of the type
    they have (ints stay ints beside None, all None is Arrow's null type), so that pandas later
    types it exactly as it types the same values (`pd.DataFrame.from_records`). A column mixing
    types Arrow cannot hold together (e.g. text and numbers) is kept as text, with a warning."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        log.warning("%s.%s mixes kinds of values; kept as text", table, column)
        return pa.array([None if v is None else str(v) for v in values], pa.string())


def rows_table(rows: list[tuple], columns: list[str], table: str = "", keys: list[str] | None = None) -> pa.Table:
    """Rows (tuples in `columns` order) as an Arrow table; with `keys`, a last column `_key`."""
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    data = {c: pa.array(v, pa.string()) if c == "doc_id" else arrow_column(list(v), table, c)
            for c, v in zip(columns, cols)}
    if keys is not None:
        data[KEY] = pa.array(keys, pa.string())
    return pa.table(data)


def concat_parts(parts: list[pa.Table], columns: list[str]) -> pa.Table:
    """The partial Arrow tables of one table as one, typed as if built in one go: a column's type
    is that of all its values (null beside text is text, int beside float is float)."""
    parts = [p for p in parts if p.num_rows] or parts[:1]
    if not parts:
        return rows_table([], columns)
    return pa.concat_tables(parts, promote_options="permissive")


def as_typed(table: pa.Table) -> pa.Table:
    """The table with the column types its own rows give: a column left without a value (its
    values were in rows filtered out) becomes Arrow's null type, as all-None values are typed
    (pandas then types it as it types them). Every other type is already that of the values
    left: the extractors give one kind of value per column (ints beside None stay ints)."""
    for i, (name, col) in enumerate(zip(table.column_names, table.columns)):
        if name != "doc_id" and col.null_count == len(col) and col.type != pa.null():
            table = table.set_column(i, name, pa.nulls(len(col)))
    return table
