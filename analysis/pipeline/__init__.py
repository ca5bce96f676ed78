"""The build and the tables made across documents: `build` (seeds -> tables, per-document work in a
process pool), `invariants` (what every build must satisfy), `claims` (facts consolidated across
documents, model status histories) with its `matching` rules, `values` (blank and number cells)."""
