"""Turn a folder of news articles into cited tables (every fact carries doc_id, span and quote)."""

__version__ = "0.1.0"
