"""Load and validate the knowledge base in ``radviz/knowledge`` (model layer, no Qt).

Every file is TOML. Items cite sources by id (``sources*.toml``). A broken file raises
:class:`KnowledgeError` naming the file, the item id and the field.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from radviz.anatomy import vocab
from radviz.resources import cache_dir, content_key, knowledge_dir, read_cache, write_cache

KNOWLEDGE_DIR = knowledge_dir()


class KnowledgeError(ValueError):
    """A knowledge file is broken; the message names file, item and field."""

    def __init__(self, file: str, item: str | None, field_name: str | None, message: str) -> None:
        where = file
        if item:
            where += f": item {item!r}"
        if field_name:
            where += f": field {field_name!r}"
        super().__init__(f"{where}: {message}")
        self.file = file
        self.item = item
        self.field = field_name


@dataclass(frozen=True)
class Source:
    """A bibliographic source."""

    id: str
    author: str
    year: int
    title: str
    journal: str

    @property
    def citation(self) -> str:
        """``Author (year). Title. Journal.``"""
        return f"{self.author} ({self.year}). {self.title}. {self.journal}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author": self.author,
            "year": self.year,
            "title": self.title,
            "journal": self.journal,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class Item:
    """One knowledge item: texts for both audiences, sources, and its raw fields."""

    id: str
    name: str
    patient: str
    clinician: str
    sources: tuple[Source, ...]
    data: Mapping[str, Any] = field(default_factory=dict)

    def text(self, audience: str) -> str:
        """The patient or clinician text."""
        return self.patient if audience == "patient" else self.clinician

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.data.items():
            if key != "sources":
                out[key] = value
        out.update(
            id=self.id,
            name=self.name,
            patient=self.patient,
            clinician=self.clinician,
            sources=[s.to_dict() for s in self.sources],
        )
        return out


@dataclass(frozen=True)
class Compression:
    """A disc level and zone that can compress a root, and how (traversing/exiting)."""

    level: str
    zone: str
    relation: str


@dataclass(frozen=True)
class Root(Item):
    """A nerve root with its territory, myotome, reflexes and compression sites."""

    sensory: Mapping[str, float] = field(default_factory=dict)
    pain: Mapping[str, float] = field(default_factory=dict)
    muscles: Mapping[str, float] = field(default_factory=dict)
    key_muscles: tuple[str, ...] = ()
    reflexes: Mapping[str, float] = field(default_factory=dict)
    key_point_zone: str = ""
    key_point: str = ""
    prior: float = 0.0
    compression: tuple[Compression, ...] = ()


@dataclass(frozen=True)
class Nerve:
    """A peripheral nerve lesioned at ``site`` (``nerves.toml``): its skin, muscles, reflexes."""

    id: str
    name: str
    site: str
    plain: str
    roots: tuple[str, ...]
    sensory: Mapping[str, float]
    pain: Mapping[str, float]
    muscles: Mapping[str, float]
    reflexes: Mapping[str, float]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class NerveAtlas:
    """``nerves.toml``: nerves, each movement's muscle, nerve and roots, headline words."""

    nerves: Mapping[str, Nerve] = field(default_factory=dict)
    movements: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    plain: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything in ``radviz/knowledge``."""

    sources: Mapping[str, Source]
    roots: Mapping[str, Root]
    zones: Mapping[str, Item]
    causes: Mapping[str, Item]
    treatments: Mapping[str, Item]
    tests: Mapping[str, Item]
    differentials: Mapping[str, Item]
    red_flags: Mapping[str, Item]
    model: Mapping[str, Any]
    atlas: NerveAtlas = field(default_factory=NerveAtlas)
    """``nerves.toml`` (see :func:`_load_atlas`)."""
    labels: Mapping[str, Any] = field(default_factory=dict)
    """``labels.toml``: words for every vocabulary id (see :data:`LABEL_SECTIONS`)."""

    COLLECTIONS = ("roots", "causes", "treatments", "tests", "differentials", "red_flags", "zones")

    def collection(self, name: str) -> Mapping[str, Item]:
        """One of :attr:`COLLECTIONS` by name."""
        value: Mapping[str, Item] = getattr(self, name)
        return value

    def to_dict(self) -> dict[str, Any]:
        """The ``radviz kb --json`` document."""
        out: dict[str, Any] = {
            name: [item.to_dict() for item in self.collection(name).values()]
            for name in self.COLLECTIONS
        }
        out["sources"] = [s.to_dict() for s in self.sources.values()]
        return out


# ------------------------------------------------------------------- checkers
Check = Callable[[Any], str | None]  # returns an error message or None


def _str(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "expected a non-empty string"
    return None


def _num(lo: float, hi: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "expected a number"
        if not lo <= value <= hi:
            return f"{value!r} is out of range ({lo:g} to {hi:g})"
        return None

    return check


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def _one_of(allowed: tuple[str, ...] | frozenset[str]) -> Check:
    def check(value: Any) -> str | None:
        if value not in allowed:
            return f"unknown value {value!r} (expected one of: {', '.join(sorted(allowed))})"
        return None

    return check


def _list_of(inner: Check, *, nonempty: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "expected a list"
        if nonempty and not value:
            return "must not be empty"
        for i, v in enumerate(value):
            err = inner(v)
            if err:
                return f"[{i}]: {err}"
        return None

    return check


def _weights(keys: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "expected a table of weights"
        for k, v in value.items():
            if k not in keys:
                return f"unknown key {k!r}"
            err = _num(0.0, 1.0)(v)
            if err:
                return f"{k}: {err}"
        return None

    return check


def _compression(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "expected a table"
    for key in value:
        if key not in {"level", "zones", "relation"}:
            return f"unknown key {key!r}"
    for key, check in (
        ("level", _one_of(vocab.LEVELS)),
        ("zones", _list_of(_one_of(vocab.DISC_ZONES), nonempty=True)),
        ("relation", _one_of(vocab.RELATIONS)),
    ):
        if key not in value:
            return f"{key} is required"
        err = check(value[key])
        if err:
            return f"{key}: {err}"
    return None


STAGES = ("acute", "subacute", "chronic")
SEVERITIES = ("mild", "moderate", "severe")
TREATMENT_PATTERNS = ("radicular", "referred", "mixed")
CATEGORIES = (
    "self_care",
    "exercise",
    "medication",
    "injection",
    "procedure",
    "surgery",
    "manual_therapy",
    "device",
    "referral",  # red-flag plans (emergency MRI, urgent assessment): only a red flag adds them
)
# Conditions a treatment may need before a plan offers it (radviz.reasoning.treatments).
TREATMENT_NEEDS = ("failed_conservative_care", "concordant_imaging")


def _red_flag_rule(value: Any) -> str | None:
    """One ``[[item.rule]]`` of red_flags.toml (its trigger ids are checked by the evaluator)."""
    if not isinstance(value, dict):
        return "expected a table"
    checks: dict[str, tuple[Check, bool]] = {
        "urgency": (_one_of(vocab.URGENCIES), True),
        "any": (_phrases, False),
        "all": (_phrases, False),
        "unless": (_list_of(_str, nonempty=True), False),
        "unless_denied": (_list_of(_one_of(vocab.FLAGS), nonempty=True), False),
        "why": (_str, True),
        "sources": (_list_of(_str, nonempty=True), True),
        "plan": (_str, True),
        "withhold": (_list_of(_one_of(CATEGORIES)), False),
        "defer": (_list_of(_one_of(CATEGORIES)), False),
        "defer_why": (_str, False),
    }
    for key in value:
        if key not in checks:
            return f"unknown key {key!r}"
    for key, (check, required) in checks.items():
        if key not in value:
            if required:
                return f"{key} is required"
            continue
        err = check(value[key])
        if err:
            return f"{key}: {err}"
    if ("any" in value) == ("all" in value):
        return "needs exactly one of 'any' and 'all'"
    if value.get("defer") and "defer_why" not in value:
        return "defer needs defer_why"
    return None


def _phrases(value: Any) -> str | None:
    """``{trigger = "phrase"}``: at least one trigger, each with its phrase."""
    if not isinstance(value, dict) or not value:
        return "expected a table of trigger = phrase"
    for key, phrase in value.items():
        if not isinstance(phrase, str) or not phrase.strip():
            return f"{key}: expected a phrase"
    return None


# field -> (check, required)
Schema = dict[str, tuple[Check, bool]]

COMMON: Schema = {
    "id": (_str, True),
    "name": (_str, True),
    "patient": (_str, True),
    "clinician": (_str, True),
    "sources": (_list_of(_str, nonempty=True), True),
}

SCHEMAS: dict[str, Schema] = {
    "roots": {
        "prior": (_num(0.0, 1.0), True),
        "prior_sources": (_list_of(_str, nonempty=True), True),
        "key_point_zone": (_one_of(vocab.ZONES), True),
        "key_point": (_str, True),
        "key_muscles": (_list_of(_one_of(vocab.MOVEMENTS)), True),
        "sensory": (_weights(vocab.ZONES), True),
        "pain": (_weights(vocab.ZONES), True),
        "muscles": (_weights(vocab.MOVEMENTS), True),
        "reflexes": (_weights(vocab.REFLEXES), True),
        "compression": (_list_of(_compression), True),
    },
    "zones": {"midline": (_bool, True)},
    "causes": {
        "typical_age": (_str, False),
        "clues": (_list_of(_str), False),
        # where the cause can press on a root (disc zones, optionally levels)
        "zones": (_list_of(_one_of(vocab.DISC_ZONES), nonempty=True), False),
        "levels": (_list_of(_one_of(vocab.LEVELS), nonempty=True), False),
    },
    "differentials": {
        "features": (_list_of(_str, nonempty=True), True),
        "next_step": (_str, False),
        "plain": (_str, False),
        "localization": (lambda v: None if isinstance(v, dict) else "expected a table", False),
    },
    "red_flags": {
        "urgency": (_one_of(vocab.URGENCIES), True),
        "action_patient": (_str, True),
        "action_clinician": (_str, True),
        "triggers": (_list_of(_str, nonempty=True), True),
        # the rules radviz.reasoning.red_flags evaluates (fields: red_flags.toml header)
        "rule": (_list_of(_red_flag_rule, nonempty=True), True),
    },
    "tests": {
        "kind": (_one_of(("exam", "investigation")), True),
        "how": (_str, False),
        "what_it_shows": (_str, False),
        "when": (_str, False),
        "sensitivity": (_num(0.0, 1.0), False),
        "specificity": (_num(0.0, 1.0), False),
        "lr_positive": (_num(0.0, 1000.0), False),
        "lr_negative": (_num(0.0, 1000.0), False),
    },
    "treatments": {
        "evidence": (_one_of(vocab.EVIDENCE_GRADES), True),
        "evidence_reason": (_str, True),
        "evidence_sources": (_list_of(_str, nonempty=True), True),
        "category": (_one_of(CATEGORIES), True),
        "causes": (_list_of(_one_of((*vocab.CAUSES, "any")), nonempty=True), True),
        "stages": (_list_of(_one_of(STAGES), nonempty=True), True),
        "severities": (_list_of(_one_of(SEVERITIES), nonempty=True), True),
        "patterns": (_list_of(_one_of(TREATMENT_PATTERNS), nonempty=True), True),
        "what_to_expect": (_str, False),
        "step": (_one_of(vocab.TREATMENT_STEPS), True),
        "needs": (_list_of(_one_of(TREATMENT_NEEDS)), False),
        # the plan of these look-alikes when one leads a side (radviz.reasoning.treatments)
        "lookalikes": (_list_of(_one_of(vocab.DIFFERENTIALS), nonempty=True), False),
        # a red-flag plan item this one stands in for when one of its look-alikes leads
        "replaces": (_str, False),
    },
}

# ids every collection must hold (the contract's vocabulary)
REQUIRED_IDS: dict[str, tuple[str, ...]] = {
    "roots": vocab.ROOTS,
    "zones": vocab.ZONES,
    "causes": vocab.CAUSES,
    "differentials": vocab.DIFFERENTIALS,
    "red_flags": vocab.RED_FLAGS,
    "tests": vocab.TESTS,
}

# labels.toml: section -> (ids that must be labelled, fields each label must have).
# Extra ids are allowed (a contract addition may be labelled before the vocabulary has it).
LABEL_SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "patterns": (vocab.PATTERNS, ("patient", "clinician")),
    "kinds": (vocab.SYMPTOM_KINDS, ("patient", "clinician")),
    "movements": (vocab.MOVEMENTS, ("prompt", "patient", "clinician", "muscle")),
    "grades": (tuple(f"g{g}" for g in range(6)), ("patient", "clinician")),
    "reflexes": (vocab.REFLEXES, ("prompt", "patient", "clinician")),
    "reflex_statuses": (vocab.REFLEX_STATUSES, ("patient", "clinician")),
    "tests": (vocab.TESTS, ("prompt", "patient", "clinician")),
    "test_results": (vocab.TEST_RESULTS, ("patient", "clinician")),
    "flags": (vocab.FLAGS, ("prompt", "patient", "clinician")),
    "disc_zones": (vocab.DISC_ZONES, ("patient", "clinician")),
    "relations": (vocab.RELATIONS, ("patient", "clinician")),
    "sides": ((*vocab.SIDES, vocab.MIDLINE, "bilateral"), ("patient", "clinician")),
    "urgencies": (vocab.URGENCIES, ("patient", "clinician")),
    "evidence_grades": (vocab.EVIDENCE_GRADES, ("patient", "clinician")),
    "steps": (
        ("emergency", "urgent", "first", "next", "specialist", "not_advised"),
        ("patient", "clinician"),
    ),
    "verdicts": (
        ("concordant", "partly", "discordant", "incidental", "not_assessable"),
        ("patient", "clinician"),
    ),
}

# labels.toml sections of probability bands (see _check_bands).
BAND_SECTIONS = ("likelihood", "prior_words")

SOURCE_FIELDS = {"author": _str, "year": _num(1800, 2100), "title": _str, "journal": _str}


# --------------------------------------------------------------------- loading
def _parse_toml(name: str, blob: bytes) -> dict[str, Any]:
    import tomllib  # only when the parse cache misses: not on a usual start-up

    try:
        return tomllib.loads(blob.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(name, None, None, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(name, None, None, f"cannot be read: {exc}") from None


def _read_all(folder: Path) -> dict[str, dict[str, Any]]:
    """Every ``*.toml`` of ``folder`` parsed: file name -> document.

    Parsing TOML is most of the cost of loading the knowledge base, so the parsed
    documents are cached as JSON (in :func:`radviz.resources.cache_dir`) under a checksum of
    the files' names and bytes, and a cache is used only when its own checksum matches its
    content (:func:`radviz.resources.read_cache`): an edited or torn cache is rebuilt from
    the TOML files. Validation below still runs on every load.
    """
    blobs: dict[str, bytes] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            blobs[path.name] = path.read_bytes()
        except OSError as exc:
            raise KnowledgeError(path.name, None, None, f"cannot be read: {exc}") from None
    key = content_key(*(name.encode() + b"\0" + blob + b"\0" for name, blob in blobs.items()))
    cache = cache_dir() / f"knowledge-{key}.json"
    raw = read_cache(cache)  # None unless its own checksum matches its content
    if raw is not None:
        try:
            cached = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            cached = None
        if isinstance(cached, dict) and set(cached) == set(blobs):
            return cached
    docs = {name: _parse_toml(name, blob) for name, blob in blobs.items()}
    write_cache(cache, json.dumps(docs).encode("utf-8"))
    return docs


def _doc(docs: Mapping[str, dict[str, Any]], name: str) -> dict[str, Any]:
    if name not in docs:
        raise KnowledgeError(name, None, None, "file is missing")
    return docs[name]


def _load_sources(docs: Mapping[str, dict[str, Any]]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    files = sorted(n for n in docs if n.startswith("sources"))
    if not files:
        raise KnowledgeError("sources.toml", None, None, "file is missing")
    for name in files:
        table = docs[name].get("source", {})
        if not isinstance(table, dict):
            raise KnowledgeError(name, None, "source", "expected [source.ID] tables")
        for sid, fields in table.items():
            if sid in sources:
                raise KnowledgeError(name, sid, None, "source id defined twice")
            if not isinstance(fields, dict):
                raise KnowledgeError(name, sid, None, "expected a table")
            for name, check in SOURCE_FIELDS.items():
                if name not in fields:
                    raise KnowledgeError(name, sid, name, "is required")
                err = check(fields[name])
                if err:
                    raise KnowledgeError(name, sid, name, err)
            sources[sid] = Source(
                id=sid,
                author=fields["author"],
                year=int(fields["year"]),
                title=fields["title"],
                journal=fields["journal"],
            )
    return sources


def _resolve(
    file: str, item: str, name: str, ids: list[str], sources: Mapping[str, Source]
) -> tuple[Source, ...]:
    out = []
    for sid in ids:
        if sid not in sources:
            raise KnowledgeError(file, item, name, f"unknown source id {sid!r}")
        out.append(sources[sid])
    return tuple(out)


def _load_collection(
    docs: Mapping[str, dict[str, Any]], name: str, sources: Mapping[str, Source]
) -> dict[str, Item]:
    file = f"{name}.toml"
    raw = _doc(docs, file)
    items = raw.get("item")
    if not isinstance(items, list) or not items:
        raise KnowledgeError(file, None, "item", "expected a list of [[item]] tables")
    schema = {**COMMON, **SCHEMAS[name]}
    out: dict[str, Item] = {}
    for index, entry in enumerate(items):
        if not isinstance(entry, dict):
            raise KnowledgeError(file, f"#{index}", None, "expected a table")
        iid = entry.get("id")
        label = iid if isinstance(iid, str) and iid else f"#{index}"
        _check_fields(file, label, entry, schema)
        if label in out:
            raise KnowledgeError(file, label, "id", "defined twice")
        srcs = _resolve(file, label, "sources", entry["sources"], sources)
        for key in ("prior_sources", "evidence_sources"):
            if key in entry:
                _resolve(file, label, key, entry[key], sources)
        for rule in entry.get("rule", ()) if name == "red_flags" else ():
            _resolve(file, label, "rule.sources", rule["sources"], sources)
        data = dict(entry)
        common = {
            "id": label,
            "name": entry["name"],
            "patient": entry["patient"],
            "clinician": entry["clinician"],
            "sources": srcs,
            "data": data,
        }
        if name == "roots":
            if label not in vocab.ROOTS:
                raise KnowledgeError(file, label, "id", f"unknown root {label!r}")
            out[label] = Root(
                **common,
                sensory=dict(entry["sensory"]),
                pain=dict(entry["pain"]),
                muscles=dict(entry["muscles"]),
                key_muscles=tuple(entry["key_muscles"]),
                reflexes=dict(entry["reflexes"]),
                key_point_zone=entry["key_point_zone"],
                key_point=entry["key_point"],
                prior=float(entry["prior"]),
                compression=tuple(
                    Compression(c["level"], zone, c["relation"])
                    for c in entry["compression"]
                    for zone in c["zones"]
                ),
            )
        else:
            out[label] = Item(**common)
    for rid in REQUIRED_IDS.get(name, ()):
        if rid not in out:
            raise KnowledgeError(file, rid, None, "required item is missing")
    if name == "treatments":
        for item in out.values():
            if not set(item.data["causes"]) <= {*vocab.CAUSES, "any"}:
                raise KnowledgeError(file, item.id, "causes", "unknown cause")
    return out


def _load_model(
    docs: Mapping[str, dict[str, Any]], sources: Mapping[str, Source]
) -> dict[str, Any]:
    raw = _doc(docs, "model.toml")
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise KnowledgeError("model.toml", section, None, "expected a table")
        if "sources" not in table:
            raise KnowledgeError("model.toml", section, "sources", "is required")
        err = _list_of(_str, nonempty=True)(table["sources"])
        if err:
            raise KnowledgeError("model.toml", section, "sources", err)
        _resolve("model.toml", section, "sources", table["sources"], sources)
    return raw


def _check_bands(file: str, section: str, table: Any, sources: Mapping[str, Source]) -> None:
    """A ``[section]`` of ``bands = [{min, word}, ...]`` (falling ``min``, last 0) with sources."""
    if not isinstance(table, dict):
        raise KnowledgeError(file, section, None, "section is missing")
    err = _list_of(_str, nonempty=True)(table.get("sources"))
    if err:
        raise KnowledgeError(file, section, "sources", err)
    _resolve(file, section, "sources", table["sources"], sources)
    bands = table.get("bands")
    if not isinstance(bands, list) or not bands:
        raise KnowledgeError(file, section, "bands", "expected a list of {min, word}")
    last = 2.0
    for i, band in enumerate(bands):
        if not isinstance(band, dict) or set(band) != {"min", "word"}:
            raise KnowledgeError(file, section, f"bands[{i}]", "expected {min, word}")
        err = _num(0.0, 1.0)(band["min"]) or _str(band["word"])
        if err:
            raise KnowledgeError(file, section, f"bands[{i}]", err)
        if band["min"] >= last:
            raise KnowledgeError(file, section, f"bands[{i}]", "min must fall band by band")
        last = band["min"]
    if last != 0:
        raise KnowledgeError(file, section, "bands", "the last band must start at 0")


def _load_labels(
    docs: Mapping[str, dict[str, Any]], sources: Mapping[str, Source]
) -> dict[str, Any]:
    file = "labels.toml"
    raw = _doc(docs, file)
    for section in raw:
        if section not in BAND_SECTIONS and section not in LABEL_SECTIONS:
            raise KnowledgeError(file, section, None, "unknown section")
    for section in BAND_SECTIONS:
        _check_bands(file, section, raw.get(section), sources)
    lk = raw["likelihood"]
    for key, check in (("leader", _str), ("leader_below", _num(0.0, 1.0))):
        err = check(lk.get(key))
        if err:
            raise KnowledgeError(file, "likelihood", key, err)
    for section, (ids, fields) in LABEL_SECTIONS.items():
        table = raw.get(section)
        if not isinstance(table, dict):
            raise KnowledgeError(file, section, None, "section is missing")
        for lid in ids:
            if lid not in table:
                raise KnowledgeError(file, f"{section}.{lid}", None, "label is missing")
        for lid, label in table.items():
            where = f"{section}.{lid}"
            if not isinstance(label, dict):
                raise KnowledgeError(file, where, None, "expected a table")
            for key in label:
                if key not in fields:
                    raise KnowledgeError(file, where, key, "unknown field")
            for key in fields:
                err = _str(label.get(key))
                if err:
                    raise KnowledgeError(file, where, key, err)
    return raw


NERVE_FIELDS: Schema = {
    "id": (_str, True),
    "name": (_str, True),
    "site": (_str, True),
    "plain": (_str, True),
    "roots": (_list_of(_one_of(vocab.ROOTS), nonempty=True), True),
    "sensory": (_weights(vocab.ZONES), True),
    "pain": (_weights(vocab.ZONES), True),
    "muscles": (_weights(vocab.MOVEMENTS), True),
    "reflexes": (_weights(vocab.REFLEXES), True),
    "sources": (_list_of(_str, nonempty=True), True),
}
# A differential's [item.localization] table: how it competes with the roots.
LOCALIZATION_FIELDS: Schema = {
    "neural": (_bool, True),
    # the result's pattern when it leads a side (radviz.reasoning.pattern)
    "pattern": (_one_of(("referred", "non_dermatomal")), False),
    "prior": (_num(0.0, 0.2), True),
    "nerves": (lambda v: None if isinstance(v, dict) else "expected a table", False),
    "sensory": (_weights(vocab.ZONES), False),
    "pain": (_weights(vocab.ZONES), False),
    "muscles": (_weights(vocab.MOVEMENTS), False),
    "reflexes": (_weights(vocab.REFLEXES), False),
    "evidence": (lambda v: None if isinstance(v, dict) else "expected a table", True),
    "sources": (_list_of(_str, nonempty=True), True),
}


def _check_fields(file: str, label: str, entry: Mapping[str, Any], schema: Schema) -> None:
    for key in entry:
        if key not in schema:
            raise KnowledgeError(file, label, key, "unknown field")
    for key, (check, required) in schema.items():
        if key not in entry:
            if required:
                raise KnowledgeError(file, label, key, "is required")
            continue
        err = check(entry[key])
        if err:
            raise KnowledgeError(file, label, key, err)


def _load_atlas(
    docs: Mapping[str, dict[str, Any]],
    sources: Mapping[str, Source],
    differentials: Mapping[str, Item],
) -> NerveAtlas:
    """``nerves.toml`` (nerves, movements, headline words) and every differential's
    ``localization`` table, which may name those nerves."""
    file = "nerves.toml"
    raw = _doc(docs, file)
    nerves: dict[str, Nerve] = {}
    for index, entry in enumerate(raw.get("nerve", [])):
        label = entry.get("id") if isinstance(entry, dict) else None
        label = label if isinstance(label, str) and label else f"#{index}"
        if not isinstance(entry, dict):
            raise KnowledgeError(file, label, None, "expected a table")
        _check_fields(file, label, entry, NERVE_FIELDS)
        if label in nerves:
            raise KnowledgeError(file, label, "id", "defined twice")
        nerves[label] = Nerve(
            id=label,
            name=entry["name"],
            site=entry["site"],
            plain=entry["plain"],
            roots=tuple(entry["roots"]),
            sensory=dict(entry["sensory"]),
            pain=dict(entry["pain"]),
            muscles=dict(entry["muscles"]),
            reflexes=dict(entry["reflexes"]),
            sources=_resolve(file, label, "sources", entry["sources"], sources),
        )
    movements: dict[str, Mapping[str, Any]] = {}
    for index, entry in enumerate(raw.get("movement", [])):
        label = entry.get("id") if isinstance(entry, dict) else None
        label = label if isinstance(label, str) and label else f"#{index}"
        if not isinstance(entry, dict):
            raise KnowledgeError(file, label, None, "expected a table")
        _check_fields(
            file,
            label,
            entry,
            {
                "id": (_one_of(vocab.MOVEMENTS), True),
                "muscle": (_str, True),
                "nerve": (_one_of(tuple(nerves)), True),
                "roots": (_list_of(_one_of(vocab.ROOTS), nonempty=True), True),
                "sources": (_list_of(_str, nonempty=True), True),
            },
        )
        _resolve(file, label, "sources", entry["sources"], sources)
        movements[label] = dict(entry)
    for mid in vocab.MOVEMENTS:
        if mid not in movements:
            raise KnowledgeError(file, mid, None, "movement is missing")
    plain = raw.get("plain")
    if not isinstance(plain, dict):
        raise KnowledgeError(file, "plain", None, "section is missing")
    for key in (
        "root",
        "root_patient",
        "none",
        "headline",
        "headline_single",
        "headline_none",
        "headline_quiet",
    ):
        err = _str(plain.get(key))
        if err:
            raise KnowledgeError(file, "plain", key, err)
    _resolve(file, "plain", "sources", plain.get("sources", []), sources)
    dfile = "differentials.toml"
    for did in vocab.DIFFERENTIALS:
        item = differentials[did]
        loc = item.data.get("localization")
        if not isinstance(loc, dict):
            raise KnowledgeError(dfile, did, "localization", "is required")
        if not isinstance(item.data.get("plain"), str):
            raise KnowledgeError(dfile, did, "plain", "is required")
        _check_fields(dfile, did, loc, LOCALIZATION_FIELDS)
        for nid, scale in loc.get("nerves", {}).items():
            if nid not in nerves:
                raise KnowledgeError(dfile, did, "localization.nerves", f"unknown nerve {nid!r}")
            err = _num(0.0, 1.0)(scale)
            if err:
                raise KnowledgeError(dfile, did, f"localization.nerves.{nid}", err)
        for key, value in loc["evidence"].items():
            err = _num(-3.0, 3.0)(value)
            if err:
                raise KnowledgeError(dfile, did, f"localization.evidence.{key}", err)
        _resolve(dfile, did, "localization.sources", loc["sources"], sources)
    return NerveAtlas(
        nerves=nerves,
        movements=movements,
        plain={k: v for k, v in plain.items() if isinstance(v, str)},
    )


def load_kb_from(folder: Path) -> KnowledgeBase:
    """Load and validate every knowledge file in ``folder``."""
    return _from_documents(_read_all(folder))


def _from_documents(docs: Mapping[str, dict[str, Any]]) -> KnowledgeBase:
    sources = _load_sources(docs)
    collections = {
        name: _load_collection(docs, name, sources) for name in KnowledgeBase.COLLECTIONS
    }
    roots = collections.pop("roots")
    atlas = _load_atlas(docs, sources, collections["differentials"])
    return KnowledgeBase(
        sources=sources,
        roots={k: v for k, v in roots.items() if isinstance(v, Root)},
        model=_load_model(docs, sources),
        atlas=atlas,
        labels=_load_labels(docs, sources),
        **collections,
    )


_T = TypeVar("_T")


def per_knowledge_base(build: Callable[[KnowledgeBase], _T]) -> Callable[[KnowledgeBase], _T]:
    """``build(kb)`` computed once per knowledge base object and kept: tables the model
    derives from the knowledge it reads on every call. Keyed by identity, so a reloaded or
    edited knowledge base gets tables of its own."""
    cache: dict[int, tuple[KnowledgeBase, _T]] = {}

    @functools.wraps(build)
    def get(kb: KnowledgeBase) -> _T:
        hit = cache.get(id(kb))
        if hit is None or hit[0] is not kb:
            hit = cache[id(kb)] = (kb, build(kb))
        return hit[1]

    return get


@functools.cache
def knowledge_documents() -> Mapping[str, dict[str, Any]]:
    """Every file of the shipped knowledge folder, parsed once per process through the
    parse cache (:func:`_read_all`): :func:`load_kb` models them; the few tables it does
    not model (``imaging.toml``'s lesion words and prevalence) are read from here."""
    return _read_all(KNOWLEDGE_DIR)


def knowledge_document(name: str) -> dict[str, Any]:
    """One shipped knowledge file, parsed (``imaging.toml``); a missing file is a
    :class:`KnowledgeError` naming it."""
    return _doc(knowledge_documents(), name)


@functools.cache
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base (loaded once per process)."""
    return _from_documents(knowledge_documents())
