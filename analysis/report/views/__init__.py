"""One module per notebook: the tables behind its charts, computed from the processed tables."""
