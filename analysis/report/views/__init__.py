"""One module per notebook: the tables behind its charts and findings, computed from the processed
tables (`context.py`: what several share). Data only; `charts/` draws them, `findings/` words them."""
