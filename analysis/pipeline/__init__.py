"""The build: per-document work over a folder, invariants, cross-document tables (claims)."""
