"""The notebooks' findings in words, one module per notebook (as `views/` and `charts/`).

Each function takes the tables a view prepared and returns Markdown text naming the figures it
reports and where they come from; a table with nothing in it gives a sentence saying so (or '' where
the page shows nothing), never an error.
"""
