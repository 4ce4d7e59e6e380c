"""One truth for territory: the drawn dermatomes and the model's zone weights agree.

The model scores a sensory finding in a zone with ``roots.toml`` ``sensory`` weights; the
body map draws each root's dermatome (``derm:*`` classic, ``dermlee:*`` Lee 2008). The
two are written from the same sources (CLINICAL.md §1), so they must tell the same
story within a stated tolerance:

* **drawn → weighted**: a zone covered by more than :data:`DRAWN_SHARE` of its area by a
  root's classic dermatome (:data:`LEE_DRAWN_SHARE` for the Lee layer, whose overlaps are
  intended) has a non-zero weight for that root;
* **weighted → drawn**: a zone where a root has a strong weight (>= :data:`STRONG`) is
  covered by at least :data:`STRONG_SHARE` of the root's classic dermatome. The perianal
  rings S3, S4 and S5 are drawn concentric and smaller than the saddle zone (Keegan 1948;
  ISNCSCI S4-5 point), so for the saddle they count together.

Peripheral nerves (``nerves.toml`` and the ``nerves`` layer, Stewart 2010): every nerve
is drawn, and each strong weight is drawn in its zone. The reverse is not asserted for
nerves: a drawn nerve also shades parts of neighbouring zones that the model leaves to
another nerve or root.

Out of scope: ``lower_back`` and ``sacrum``. The back of the trunk carries the dorsal
rami's bands (drawn for orientation), and no root has a sensory weight there: back pain is
not a dermatomal sign (CLINICAL.md §6). A failure names the root, the zone and both
numbers; fix the art in ``scripts/body_map_boundaries.toml`` or the weight in
``roots.toml``, whichever its source says is wrong.
"""

from __future__ import annotations

import numpy as np
import pytest

from radviz.anatomy import geometry, vocab
from radviz.anatomy.geometry import SvgMap
from radviz.knowledge.loader import load_kb

DRAWN_SHARE = 0.15
LEE_DRAWN_SHARE = 0.20
STRONG = 0.7
STRONG_SHARE = 0.20
TRUNK_ZONES = ("lower_back", "sacrum")
PERIANAL = ("S3", "S4", "S5")
LAYERS = {"dermatomes_classic": DRAWN_SHARE, "dermatomes_lee2008": LEE_DRAWN_SHARE}


@pytest.fixture(scope="module")
def body() -> SvgMap:
    return geometry.body_map()


def _zone_id(zone: str, side: str) -> str:
    return f"zone:{zone}:{vocab.MIDLINE}" if zone in vocab.MIDLINE_ZONES else f"zone:{zone}:{side}"


def _shares(body: SvgMap, zone: str, side: str, layer: str) -> dict[str, float]:
    """root -> share of the zone's area inside that root's drawn dermatome (this side;
    both sides for a midline zone)."""
    zone_mask = body.mask(_zone_id(zone, side))
    out: dict[str, float] = {}
    for rid, share in body.coverage(zone_mask, layer).items():
        _, root, rside = rid.split(":")
        if zone in vocab.MIDLINE_ZONES or rside == side:
            out[root] = out.get(root, 0.0) + share
    return out


def _limb_zones() -> list[str]:
    return [z for z in vocab.ZONES if z not in TRUNK_ZONES]


@pytest.mark.parametrize("side", vocab.SIDES)
@pytest.mark.parametrize("layer", list(LAYERS))
def test_a_zone_drawn_in_a_roots_dermatome_has_a_weight_for_it(
    body: SvgMap, layer: str, side: str
) -> None:
    roots = load_kb().roots
    limit = LAYERS[layer]
    problems = []
    for zone in _limb_zones():
        for root, share in _shares(body, zone, side, layer).items():
            item = roots.get(root)
            if item is None or share <= limit:
                continue
            if item.sensory.get(zone, 0.0) <= 0.0:
                problems.append(f"{root} covers {share:.0%} of {zone} ({layer}) but weighs 0")
    assert not problems, problems


@pytest.mark.parametrize("side", vocab.SIDES)
def test_a_strong_weight_is_drawn_in_its_zone(body: SvgMap, side: str) -> None:
    problems = []
    for root_id, item in load_kb().roots.items():
        for zone, weight in item.sensory.items():
            if weight < STRONG or zone in TRUNK_ZONES:
                continue
            shares = _shares(body, zone, side, "dermatomes_classic")
            if root_id in PERIANAL and zone == "saddle":
                share = sum(shares.get(r, 0.0) for r in PERIANAL)
            else:
                share = shares.get(root_id, 0.0)
            if share < STRONG_SHARE:
                problems.append(f"{root_id} weighs {zone} {weight} but covers only {share:.0%}")
    assert not problems, problems


def test_the_lateral_thigh_is_l2_not_l3(body: SvgMap) -> None:
    """The case issue #12 found: the classic L3 covered 31 % of the outer thigh, where
    roots.toml gives L3 no weight. Harrison: L2 upper anterior and lateral thigh, L3 the
    front and sides of the knee only (the bottom of the zone)."""
    shares = _shares(body, "thigh_lateral", "left", "dermatomes_classic")
    assert shares.get("L2", 0.0) > 0.8
    assert shares.get("L3", 0.0) < DRAWN_SHARE


def test_shares_measure_the_drawing(body: SvgMap) -> None:
    """The classic dermatomes tile the limb, so a zone's shares add up to about one:
    the comparison above measures the drawing, not nothing."""
    for zone in _limb_zones():
        total = sum(_shares(body, zone, "right", "dermatomes_classic").values())
        assert 0.95 <= total <= 1.05, (zone, total)


# --------------------------------------------------------------------------- nerves


@pytest.mark.parametrize("side", vocab.SIDES)
def test_each_nerve_of_the_knowledge_base_is_drawn_where_it_weighs(body: SvgMap, side: str) -> None:
    """Every nerve of ``nerves.toml`` is on the body map (``nerve:<id>:<side>``): a nerve
    with skin has a territory covering at least :data:`STRONG_SHARE` of each zone it
    weighs >= :data:`STRONG`; a motor-only nerve has a course and no territory."""
    problems = []
    nerves = load_kb().atlas.nerves
    assert {"common_peroneal", "tibial", "sciatic", "femoral", "lateral_femoral_cutaneous"} <= set(
        nerves
    )
    for nid, nerve in nerves.items():
        rid = f"nerve:{nid}:{side}:territory"
        assert f"nerve:{nid}:{side}:course" in body.regions, nid
        if not nerve.sensory:
            assert rid not in body.regions, f"{nid} has no skin but a drawn territory"
            continue
        assert rid in body.regions, f"{nid} has skin in nerves.toml but no {rid}"
        drawn = body.mask(rid)
        for zone, weight in nerve.sensory.items():
            if weight < STRONG:
                continue
            zone_mask = body.mask(_zone_id(zone, side))
            share = np.count_nonzero(zone_mask & drawn) / np.count_nonzero(zone_mask)
            if share < STRONG_SHARE:
                problems.append(f"{nid} weighs {zone} {weight} but covers only {share:.0%}")
    assert not problems, problems
