"""The curated inputs in data/: YAML loading, the registry of names, the cue matcher."""
