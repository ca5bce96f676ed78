"""Per-document extractors: one module per kind of fact (each takes a Doc, returns rows)."""
