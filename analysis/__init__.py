"""Turn a folder of news articles into cited tables (every fact carries doc_id, span and quote)."""
from . import compiled as _compiled

__version__ = "0.1.0"
_compiled.install()  # the hot modules' compiled builds, when present and matching their source
