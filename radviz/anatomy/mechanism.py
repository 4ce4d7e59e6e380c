"""How each cause narrows the space of a nerve, as shapes (anatomy layer, no Qt).

``assets/svg/spine_sagittal.svg`` (made by ``scripts/build_spine.py``) holds, besides the
side view (group ``sagittal``) and an axial slice, one hidden group ``mechanism:<cause>``
per cause of CONTRACT §4. Inside it, a group per place the cause can be drawn:

* ``mechanism:<cause>:sagittal:<LEVEL>[:foraminal]``: the side view at a disc level;
* ``mechanism:<cause>:axial:<SIDE>[:<zone>]``: the axial slice, on the patient's side.

Each part of a place is a pair of paths ``<place>.<part>.from`` (healthy) and
``<place>.<part>.to`` (affected) with the same commands, so a picture in between is a
linear blend of their numbers (:func:`blend`). ``part`` is the id of the structure the
part replaces while shown (``sagittal:disc:L4-L5``), ``new:<what>`` for a part that
grows, or ``shift``: its two points say how far everything above the level moves
(a disc losing height, a vertebra slipping forward).

This module reads those groups (:func:`load_mechanisms`), picks the place for a result
or scan (:func:`place_for`) and blends shapes; the Qt view only draws what it is given.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from radviz.anatomy import vocab

__all__ = [
    "CAPTIONS",
    "CAUSES",
    "Command",
    "Mechanism",
    "MechanismError",
    "Part",
    "blend",
    "blend_color",
    "ease",
    "level_index",
    "load_mechanisms",
    "mechanism_library",
    "parse_path",
    "place_for",
]

#: The causes of CONTRACT §4, in the order the app offers them.
CAUSES: tuple[str, ...] = (
    "disc_herniation",
    "degenerative_disc_disease",
    "spinal_stenosis",
    "foraminal_stenosis",
    "lateral_recess_stenosis",
    "spondylolisthesis",
    "facet_arthropathy",
)

#: What the moving picture shows, in one plain line (US grade about 6). The clinical
#: account of each cause, with sources, is in ``knowledge/causes.toml``; these lines only
#: say what changes in the drawing.
CAPTIONS: Mapping[str, str] = {
    "disc_herniation": "Part of the disc pushes out and presses on a nerve.",
    "degenerative_disc_disease": (
        "The disc dries out and gets thinner, so the opening for the nerve gets smaller."
    ),
    "spinal_stenosis": ("A bulging disc and a thick ligament make the nerve canal narrow."),
    "foraminal_stenosis": (
        "A worn disc and a bone spur close the side opening, and the nerve gets squeezed."
    ),
    "lateral_recess_stenosis": (
        "A big joint and a thick ligament crowd the side channel where a nerve runs down."
    ),
    "spondylolisthesis": (
        "One bone slides forward on the bone below and narrows the space for the nerves."
    ),
    "facet_arthropathy": ("A worn joint at the back of the spine swells and grows a bone spur."),
}

_LEVELS = vocab.LEVELS
_VERTS = ("L1", "L2", "L3", "L4", "L5", "S1")  # the vertebrae of the side view, top down
_TOKEN = re.compile(r"[MLCZ]|-?\d+(?:\.\d+)?")
_ARITY = {"M": 2, "L": 2, "C": 6, "Z": 0}


class MechanismError(ValueError):
    """The mechanism drawing is missing or does not hold matching shapes."""


@dataclass(frozen=True)
class Command:
    """One absolute path command (``M``, ``L``, ``C`` or ``Z``) and its numbers."""

    op: str
    args: tuple[float, ...]


@dataclass(frozen=True)
class Part:
    """One shape of a mechanism: healthy and affected outline and their paint."""

    name: str
    start: tuple[Command, ...]
    end: tuple[Command, ...]
    fill_start: str
    fill_end: str
    stroke: str
    stroke_width: float
    fill_opacity: float

    @property
    def replaces(self) -> str | None:
        """The drawing id this part stands in for, or None for a new part."""
        if self.name.startswith("new:") or self.name == "shift":
            return None
        return self.name

    def shape(self, t: float) -> tuple[Command, ...]:
        """The outline at ``t`` (0 healthy, 1 affected)."""
        return blend(self.start, self.end, t)

    def fill(self, t: float) -> str:
        """The fill colour at ``t``."""
        return blend_color(self.fill_start, self.fill_end, t)


@dataclass(frozen=True)
class Mechanism:
    """The parts of one cause at one place, and how far the spine above it moves."""

    cause: str
    place: str
    parts: tuple[Part, ...]
    shift: tuple[float, float] = (0.0, 0.0)

    def replaced(self) -> set[str]:
        """Ids of the drawing hidden while this mechanism is shown."""
        return {p.replaces for p in self.parts if p.replaces is not None}


def parse_path(d: str) -> tuple[Command, ...]:
    """Parse the absolute ``M L C Z`` paths the build script writes.

    >>> parse_path("M0 0 L10 5 Z")
    (Command(op='M', args=(0.0, 0.0)), Command(op='L', args=(10.0, 5.0)), Command(op='Z', args=()))
    """
    out: list[Command] = []
    tokens = _TOKEN.findall(d)
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op not in _ARITY:
            raise MechanismError(f"path data: unexpected {op!r} (only absolute M, L, C, Z)")
        n = _ARITY[op]
        args = tokens[i + 1 : i + 1 + n]
        if len(args) != n or any(a in _ARITY for a in args):
            raise MechanismError(f"path data: {op} needs {n} numbers")
        out.append(Command(op, tuple(float(a) for a in args)))
        i += 1 + n
    return tuple(out)


def blend(a: Sequence[Command], b: Sequence[Command], t: float) -> tuple[Command, ...]:
    """The path a fraction ``t`` of the way from ``a`` to ``b`` (same commands)."""
    if len(a) != len(b):
        raise MechanismError(f"cannot blend paths of {len(a)} and {len(b)} commands")
    t = min(1.0, max(0.0, float(t)))
    out = []
    for ca, cb in zip(a, b, strict=True):
        if ca.op != cb.op:
            raise MechanismError(f"cannot blend {ca.op} with {cb.op}")
        out.append(
            Command(ca.op, tuple(x + (y - x) * t for x, y in zip(ca.args, cb.args, strict=True)))
        )
    return tuple(out)


def blend_color(a: str, b: str, t: float) -> str:
    """``#RRGGBB`` a fraction ``t`` of the way from ``a`` to ``b``."""
    t = min(1.0, max(0.0, float(t)))
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


def ease(t: float) -> float:
    """Smooth start and stop for the play animation (0 → 0, 1 → 1)."""
    t = min(1.0, max(0.0, t))
    return t * t * (3.0 - 2.0 * t)


def level_index(level: str) -> int:
    """Position of a disc level from the top (``L1-L2`` → 0)."""
    return _LEVELS.index(level)


def _owner_level(ident: str) -> int | None:
    """For a sagittal id: the index of the highest vertebra it belongs to (or None)."""
    parts = ident.split(":")
    if len(parts) < 3 or parts[0] not in ("sagittal", "label"):
        return None
    key = parts[-1] if parts[0] == "sagittal" else parts[3] if len(parts) > 3 else ""
    top = key.split("-")[0]
    return _VERTS.index(top) if top in _VERTS else None


def moves_with(ident: str, level: str) -> bool:
    """Whether a sagittal id sits in the part of the spine above ``level`` (it moves with
    a ``shift``): vertebrae down to the upper one of the level, discs, joints and roots
    above the level, and their labels."""
    owner = _owner_level(ident)
    if owner is None:
        return False
    upper = level_index(level)
    parts = ident.split(":")
    kind = parts[1] if parts[0] == "sagittal" else parts[2] if len(parts) > 2 else ""
    if kind in ("vert", "arch", "pedicle"):
        return owner <= upper
    return owner < upper


def place_for(cause: str, view: str, level: str | None, side: str | None, zone: str | None) -> str:
    """The place name of a cause for a level/side/zone named by a result or a scan.

    >>> place_for("disc_herniation", "axial", "L4-L5", "left", "foraminal")
    'axial:left:foraminal'
    >>> place_for("spinal_stenosis", "sagittal", "L3-L4", "left", "central")
    'sagittal:L3-L4'
    """
    if view == "sagittal":
        lvl = level if level in _LEVELS else "L4-L5"
        foraminal = cause == "disc_herniation" and zone in ("foraminal", "extraforaminal")
        return f"sagittal:{lvl}" + (":foraminal" if foraminal else "")
    s = side if side in ("left", "right") else "left"
    if cause == "disc_herniation" and zone in ("foraminal", "extraforaminal"):
        return f"axial:{s}:foraminal"
    if cause == "disc_herniation" and zone == "central":
        return f"axial:{s}:central"
    return f"axial:{s}"


def _float(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def load_mechanisms(path: Path | str) -> dict[str, dict[str, Mechanism]]:
    """Every mechanism of the drawing: ``{cause: {place: Mechanism}}``.

    Raises :class:`MechanismError` naming the file and the id when the file cannot be
    read, a cause has no group, or a part lacks its other end or cannot be blended.
    """
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise MechanismError(f"{path}: cannot read the mechanism drawing ({exc})") from None
    groups = {el.get("id", ""): el for el in root.iter() if el.tag.endswith("}g") or el.tag == "g"}
    out: dict[str, dict[str, Mechanism]] = {}
    for cause in CAUSES:
        top = groups.get(f"mechanism:{cause}")
        if top is None:
            raise MechanismError(f"{path}: no group mechanism:{cause}")
        places: dict[str, Mechanism] = {}
        for g in top:
            gid = g.get("id", "")
            place = gid.removeprefix(f"mechanism:{cause}:")
            ends: dict[str, dict[str, ET.Element]] = {}
            for el in g:
                eid = el.get("id", "")
                stem, _, end = eid.rpartition(".")
                part = stem.removeprefix(gid + ".")
                if end not in ("from", "to") or not part:
                    raise MechanismError(f"{path}: {eid!r} is not <place>.<part>.from|to")
                ends.setdefault(part, {})[end] = el
            parts: list[Part] = []
            shift = (0.0, 0.0)
            for part, pair in ends.items():
                if set(pair) != {"from", "to"}:
                    raise MechanismError(f"{path}: {gid}.{part} lacks its from or to shape")
                a = parse_path(pair["from"].get("d", ""))
                b = parse_path(pair["to"].get("d", ""))
                try:
                    blend(a, b, 0.5)
                except MechanismError as exc:
                    raise MechanismError(f"{path}: {gid}.{part}: {exc}") from None
                if part == "shift":
                    shift = (b[0].args[0] - a[0].args[0], b[0].args[1] - a[0].args[1])
                    continue
                el = pair["from"]
                parts.append(
                    Part(
                        part,
                        a,
                        b,
                        el.get("fill", "#000000"),
                        pair["to"].get("fill", "#000000"),
                        el.get("stroke", "none"),
                        _float(el.get("stroke-width"), 1.0),
                        _float(el.get("fill-opacity"), 1.0),
                    )
                )
            places[place] = Mechanism(cause, place, tuple(parts), shift)
        out[cause] = places
    return out


@functools.lru_cache(maxsize=1)
def mechanism_library() -> dict[str, dict[str, Mechanism]]:
    """The shipped mechanisms, read once on first use (not at start-up)."""
    from radviz.resources import asset_path

    return load_mechanisms(asset_path("spine_sagittal.svg"))
