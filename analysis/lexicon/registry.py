"""The registry of names: organisations, people and AI models (`data/registry/entities.yaml`).

The file holds names, aliases, types and generic attributes only, never facts. `load_registry`
reads it into a `Registry`: every entity by canonical name, every name and alias (a "surface") to
its entity, and `pattern`, the one compiled regex that finds any surface in a text
(case-sensitive, whole words, longest surface first). The file's `cues` section holds the word
lists the mention patterns use (`analysis.extract.mentions`). `registry()` is the default
registry, loaded once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import config
from analysis.lexicon.cues import literal_trie
from analysis.lexicon import yamlfile

ENTITIES_FILE = config.ENTITIES

TYPES = ("org", "person", "model")


@dataclass(frozen=True)
class Entity:
    name: str
    type: str  # org | person | model
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # org kind (company, lab, unit, media, ...)
    family: str | None = None  # model: the canonical model it belongs to ("Llama 3.1" -> "Llama")
    org: str | None = None  # model: developer
    architecture: str | None = None  # model: moe | dense, only where generic
    access: str | None = None  # model: open | closed, only where generic


@dataclass
class Registry:
    entities: dict[str, Entity]  # canonical name -> Entity
    by_surface: dict[str, Entity]  # every name and alias -> Entity
    pattern: re.Pattern  # any surface, as a whole word (see `load_registry`)
    cues: dict[str, list[str]]  # the word lists of the file's `cues` section

    def get(self, name: str | None) -> Entity | None:
        if not name:
            return None
        return self.entities.get(name) or self.by_surface.get(name)

    def family_root(self, name: str) -> str:
        """The top of a model's family chain ("Llama 4 Behemoth" -> "Llama")."""
        seen = set()
        e = self.get(name)
        while e is not None and e.family and e.family not in seen:
            seen.add(e.name)
            nxt = self.get(e.family)
            if nxt is None:
                return e.family
            e = nxt
        return e.name if e else name

    def model_attr(self, name: str | None, attr: str) -> str | None:
        """architecture/access of a model, inherited from its family when not set on the version."""
        seen = set()
        e = self.get(name)
        while e is not None and e.name not in seen:
            seen.add(e.name)
            v = getattr(e, attr)
            if v:
                return v
            e = self.get(e.family)
        return None


_TYPE_KEYS = {"organisations": "org", "organizations": "org", "people": "person", "models": "model"}


def load_registry(path: str | Path | None = None) -> Registry:
    """Parse a registry YAML file (uncached; use `registry()` for the shared default)."""
    data = load_word_lists(Path(path) if path else ENTITIES_FILE)
    entities: dict[str, Entity] = {}
    by_surface: dict[str, Entity] = {}
    for key, etype in _TYPE_KEYS.items():
        for row in data.get(key) or []:
            name = str(row["name"]).strip()
            aliases = tuple(str(a).strip() for a in (row.get("aliases") or []) if str(a).strip())
            ent = Entity(name=name, type=etype, aliases=aliases, kind=row.get("kind"),
                         family=row.get("family"), org=row.get("org"),
                         architecture=row.get("architecture"), access=row.get("access"))
            entities[name] = ent
            for s in (name, *aliases):
                by_surface.setdefault(s, ent)
    # word-boundary safe on both sides; a version suffix (".5", "-turbo") must not continue it;
    # at each position the longest surface that fits wins (`literal_trie`)
    pattern = re.compile(rf"(?<![\w])(?:{literal_trie(by_surface)})(?![\w]|[.\-]\w)")
    cues = {k: list(v or []) for k, v in (data.get("cues") or {}).items()}
    return Registry(entities, by_surface, pattern, cues)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The default registry (`config.ENTITIES`), loaded once."""
    return load_registry(ENTITIES_FILE)


def load_word_lists(path: str | Path) -> dict:
    """A YAML file of word lists, with bare yes/no/on/off read as the words they are (YAML 1.1
    would read them as booleans)."""
    return _unbool(yamlfile.load(path))


def _unbool(x):
    if isinstance(x, dict):
        return {k: _unbool(v) for k, v in x.items()}
    if isinstance(x, list):
        return [("on" if v else "no") if isinstance(v, bool) else _unbool(v) for v in x]
    return x
