"""What the notebooks call. For notebook NN-name, three modules named `name`:

- `views/name.py`     the tables behind the page, computed from the processed tables (data only);
- `charts/name.py`    the plotly figures drawn from those tables (`Chart`: figure + table saved as CSV);
- `findings/name.py`  the findings in words, naming each figure and where it comes from.

Shared by all pages: `views/context.py` (a fact's document, the company in focus), `format.py`
(how numbers, dollars and dates are written), `params.py` (notebook parameters read as their type),
`charts/parts.py` (legend entries, axes). `notebook.py` loads the tables and saves and shows charts;
`runner.py` executes the notebooks and `export.py` turns them into offline HTML (`templates/`).
"""
