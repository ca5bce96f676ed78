"""What the notebooks call: loading tables, views per notebook, charts, findings, HTML export."""
