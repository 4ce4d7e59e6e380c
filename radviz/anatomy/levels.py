"""The one level/zone -> roots rule (pure, no Qt).

Which nerve roots can a lesion at a disc level, in a zone, on a side squeeze?
Every view and the imaging reader ask :func:`roots_at_level`; nothing else in radviz
answers the question. The answer is read from the ``compression`` lists of
``radviz/knowledge/roots.toml`` (CLINICAL.md §8):

* paracentral (subarticular, lateral recess): the same-side traversing root, the lower
  one (L4-L5 -> L5);
* foraminal and extraforaminal: the same-side exiting root, the upper one (L4-L5 -> L4);
* central: the traversing root on both sides; with ``cauda=True`` also every lower root
  that runs through the canal at that level on both sides (the cauda equina: a central
  L4-L5 lesion can reach L5 and S1-S5);
* ``side == "bilateral"`` means both sides for every zone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from radviz.anatomy import vocab

BILATERAL = "bilateral"


@dataclass(frozen=True)
class LevelRoot:
    """A root a lesion can reach: ``relation`` is ``traversing`` or ``exiting``."""

    root: str
    side: str
    relation: str

    def to_dict(self) -> dict[str, str]:
        return {"root": self.root, "side": self.side, "relation": self.relation}


@functools.cache
def _sites() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """``(level, zone) -> ((root, relation), ...)`` in root order, from roots.toml."""
    from radviz.knowledge.loader import load_kb  # the knowledge base imports vocab

    kb = load_kb()
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for rid in vocab.ROOTS:
        root = kb.roots.get(rid)
        if root is None:
            continue
        for c in root.compression:
            pair = (rid, c.relation)
            bucket = out.setdefault((c.level, c.zone), [])
            if pair not in bucket:
                bucket.append(pair)
    return {k: tuple(v) for k, v in out.items()}


def roots_at_level(
    level: str, zone: str, side: str, *, cauda: bool = False
) -> tuple[LevelRoot, ...]:
    """Roots a lesion at ``level`` in ``zone`` on ``side`` can squeeze, in root order.

    ``side`` is ``left``, ``right`` or ``bilateral``; a central lesion always reaches
    both sides. ``cauda`` adds, for a central lesion, the lower roots of the cauda
    equina that run past this level (a large central lesion or severe canal stenosis).
    An unknown level or zone reaches nothing.
    """
    found = _sites().get((level, zone), ())
    if zone == "central" and not cauda:
        found = found[:1]  # the root that traverses this level; the rest run below it
    sides: tuple[str, ...] = vocab.SIDES if (zone == "central" or side == BILATERAL) else (side,)
    return tuple(LevelRoot(root, s, rel) for root, rel in found for s in sides)


def _first_level(root: str, zone: str) -> str | None:
    for level in vocab.LEVELS:
        if any(r.root == root for r in roots_at_level(level, zone, "left")):
            return level
    return None


def traversed_level(root: str) -> str | None:
    """The disc level a root crosses as the traversing root (L5 -> ``L4-L5``), if any."""
    return _first_level(root, "paracentral")


def exit_level(root: str) -> str | None:
    """The disc level whose foramen a root exits (L5 -> ``L5-S1``); None for sacral roots."""
    return _first_level(root, "foraminal")


def level_of_root(root: str, relation: str) -> str | None:
    """The level at which ``root`` is the ``traversing`` or ``exiting`` root, if any."""
    return traversed_level(root) if relation == "traversing" else exit_level(root)


def level_pair(level: str) -> tuple[str, str]:
    """``(exiting, traversing)`` roots of a disc level (``L4-L5`` -> ``("L4", "L5")``)."""
    exiting = roots_at_level(level, "foraminal", "left")
    traversing = roots_at_level(level, "paracentral", "left")
    if not exiting or not traversing:
        raise ValueError(f"unknown disc level {level!r}")
    return exiting[0].root, traversing[0].root


def foramen_words(root: str) -> str:
    """Where a root leaves the spine: ``the L5-S1 foramen``, ``the first sacral foramen``."""
    level = exit_level(root)
    if level is not None:
        return f"the {level} foramen"
    if root.startswith("S") and root[1:].isdigit():
        nth = ("first", "second", "third", "fourth", "fifth")[int(root[1:]) - 1]
        return f"the {nth} sacral foramen"
    return "its foramen"
