"""radviz.anatomy.geometry on small synthetic SVGs written to tmp_path."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from radviz.anatomy import geometry
from radviz.anatomy.geometry import GeometryError, Region, SvgMap, load_map

REPO = Path(__file__).resolve().parents[2]
KAPPA = 0.5522847498307936  # cubic Bézier control distance for a quarter circle


def write_svg(
    tmp_path: Path,
    body: str,
    *,
    viewbox: str = "0 0 100 100",
    size: str = 'width="100" height="100"',
    name: str = "t.svg",
) -> Path:
    path = tmp_path / name
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" {size} viewBox="{viewbox}">{body}</svg>',
        encoding="utf-8",
    )
    return path


def square(ident: str, x: float, y: float, s: float, extra: str = "") -> str:
    return f'<path id="{ident}" d="M{x} {y} H{x + s} V{y + s} H{x} Z" {extra}/>'


def bezier_circle(cx: float, cy: float, r: float) -> str:
    k = KAPPA * r
    return (
        f"M{cx + r} {cy} "
        f"C{cx + r} {cy + k} {cx + k} {cy + r} {cx} {cy + r} "
        f"C{cx - k} {cy + r} {cx - r} {cy + k} {cx - r} {cy} "
        f"C{cx - r} {cy - k} {cx - k} {cy - r} {cx} {cy - r} "
        f"C{cx + k} {cy - r} {cx + r} {cy - k} {cx + r} {cy} Z"
    )


@pytest.fixture
def squares(tmp_path: Path) -> SvgMap:
    body = (
        '<g id="zones">'
        + square("zone:heel:left", 10, 10, 20)
        + square("zone:heel:right", 50, 10, 30)
        + "</g>"
        '<g id="over">' + square("a", 0, 0, 60) + square("b", 40, 40, 60) + "</g>"
    )
    return load_map(write_svg(tmp_path, body))


# --------------------------------------------------------------------------- polygons


def test_squares_polygons_area_bbox(squares: SvgMap) -> None:
    left = squares.get("zone:heel:left")
    assert isinstance(left, Region)
    assert left.layer == "zones" and left.kind == "path" and left.fill_rule == "nonzero"
    assert len(left.polygons) == 1
    ring = left.polygons[0]
    assert ring.dtype == np.float64 and ring.shape == (4, 2)
    assert sorted(map(tuple, ring.tolist())) == [(10, 10), (10, 30), (30, 10), (30, 30)]
    assert left.bbox == (10.0, 10.0, 30.0, 30.0)
    assert left.area == pytest.approx(400.0)
    x, y = left.center
    assert 10 < x < 30 and 10 < y < 30
    assert squares.get("zone:heel:right").area == pytest.approx(900.0)
    assert [r.id for r in squares.layer("zones")] == ["zone:heel:left", "zone:heel:right"]
    assert squares.layers == ["zones", "over"]
    assert squares.viewbox == (0.0, 0.0, 100.0, 100.0)


def test_polygons_are_read_only(squares: SvgMap) -> None:
    ring = squares.get("a").polygons[0]
    with pytest.raises(ValueError):
        ring[0, 0] = 5.0


def test_get_and_layer_unknown_raise_keyerror_naming_the_id(squares: SvgMap) -> None:
    with pytest.raises(KeyError, match="zone:heel:middle"):
        squares.get("zone:heel:middle")
    with pytest.raises(KeyError, match="nolayer"):
        squares.layer("nolayer")


def test_donut_evenodd_versus_nonzero(tmp_path: Path) -> None:
    rings = "M10 10 H90 V90 H10 Z M30 30 H70 V70 H30 Z"  # both rings clockwise
    reversed_hole = "M10 10 H90 V90 H10 Z M30 30 V70 H70 V30 Z"
    body = (
        '<g id="d">'
        f'<path id="eo" fill-rule="evenodd" d="{rings}"/>'
        f'<path id="nz" d="{rings}"/>'
        f'<path id="nz_hole" fill-rule="nonzero" d="{reversed_hole}"/>'
        f'<path id="eo_style" style="fill:red;fill-rule:evenodd" d="{rings}"/>'
        "</g>"
        f'<g id="inherit" fill-rule="evenodd"><path id="eo_inherited" d="{rings}"/></g>'
    )
    m = load_map(write_svg(tmp_path, body))
    assert m.get("eo").fill_rule == "evenodd"
    assert m.get("nz").fill_rule == "nonzero"  # the SVG default
    assert m.get("eo_style").fill_rule == "evenodd"
    assert m.get("eo_inherited").fill_rule == "evenodd"
    assert m.get("eo").area == pytest.approx(6400 - 1600)
    assert m.get("nz").area == pytest.approx(6400)
    assert m.get("nz_hole").area == pytest.approx(6400 - 1600)
    # raster agrees: cells are sampled at their centres
    assert m.pixel_count("eo") == 4800
    assert m.pixel_count("nz") == 6400
    assert m.pixel_count("nz_hole") == 4800
    assert m.hit(50, 50, "d") == ["nz"]
    assert m.hit(20, 50, "d") == ["eo", "nz", "nz_hole", "eo_style"]
    assert m.hit(50, 50, "inherit") == []
    # label point of a donut lies in the ring, not in the hole
    cx, cy = m.get("eo").center
    assert not (30 < cx < 70 and 30 < cy < 70)
    assert "eo" in m.hit(cx, cy, "d")


def test_crossing_subpaths(tmp_path: Path) -> None:
    d = "M0 0 H60 V60 H0 Z M40 40 H100 V100 H40 Z"  # two squares sharing a 20×20 corner
    body = f'<g id="x"><path id="nz" d="{d}"/><path id="eo" fill-rule="evenodd" d="{d}"/></g>'
    m = load_map(write_svg(tmp_path, body))
    assert m.get("nz").area == pytest.approx(2 * 3600 - 400, rel=2e-3)
    assert m.get("eo").area == pytest.approx(2 * 3600 - 800, rel=2e-3)
    assert m.pixel_count("nz") == 6800 and m.pixel_count("eo") == 6400
    assert m.hit(50, 50, "x") == ["nz"]


def test_bezier_circle_is_flattened_finely(tmp_path: Path) -> None:
    body = f'<g id="c"><path id="disk" d="{bezier_circle(50, 50, 40)}"/></g>'
    m = load_map(write_svg(tmp_path, body))
    disk = m.get("disk")
    ring = disk.polygons[0]
    assert len(ring) > 32
    radius = np.hypot(ring[:, 0] - 50, ring[:, 1] - 50)
    assert np.all(np.abs(radius - 40) < 0.05)  # the cubic approximation errs ~0.01 r
    assert disk.area == pytest.approx(math.pi * 1600, rel=2e-3)
    assert m.pixel_count("disk") == pytest.approx(math.pi * 1600, rel=0.01)
    assert disk.bbox == pytest.approx((10, 10, 90, 90), abs=0.05)


def test_circle_element_and_arcs(tmp_path: Path) -> None:
    body = (
        '<g id="k"><circle id="ksp:L5:left" cx="30" cy="40" r="4"/>'
        '<path id="arc" d="M60 50 A 20 20 0 0 1 100 50 A 20 20 0 0 1 60 50 Z"/></g>'
    )
    m = load_map(write_svg(tmp_path, body, viewbox="0 0 120 100", size=""))
    c = m.get("ksp:L5:left")
    assert c.kind == "circle" and c.center == (30.0, 40.0)
    assert c.area == pytest.approx(math.pi * 16, rel=0.01)
    assert m.hit(30, 40, "k") == ["ksp:L5:left"]
    arc = m.get("arc")
    assert arc.area == pytest.approx(math.pi * 400, rel=0.01)
    assert arc.bbox == pytest.approx((60, 30, 100, 70), abs=0.05)


def test_viewbox_differing_from_width_height(tmp_path: Path) -> None:
    # 50×25 px showing a 200×100 viewBox that starts at (100, 50): svgelements would hand
    # back pixels; the map must stay in viewBox units.
    body = '<g id="z">' + square("sq", 120, 60, 40) + "</g>"
    m = load_map(write_svg(tmp_path, body, viewbox="100 50 200 100", size='width="50" height="25"'))
    sq = m.get("sq")
    assert m.viewbox == (100.0, 50.0, 200.0, 100.0)
    assert sq.bbox == (120.0, 60.0, 160.0, 100.0)
    assert sq.area == pytest.approx(1600.0)
    assert m.grid_shape == (100, 200)
    assert m.to_grid(120.5, 60.5) == (10, 20)
    assert m.pixel_count("sq") == 1600
    assert m.hit(130, 70, "z") == ["sq"]
    assert m.hit(30, 20, "z") == []  # outside the viewBox altogether
    mask = m.mask("sq")
    assert mask.shape == (100, 200) and mask[10:50, 20:60].all() and mask.sum() == 1600


def test_transforms_are_applied(tmp_path: Path) -> None:
    body = (
        '<g id="t" transform="translate(10 20)">'
        '<g transform="scale(2)"><rect id="r" x="5" y="5" width="10" height="5"/></g>'
        '<path id="rot" transform="rotate(90 50 50)" d="M50 50 H70 V60 H50 Z"/>'
        "</g>"
    )
    m = load_map(write_svg(tmp_path, body, viewbox="0 0 200 200", size=""))
    assert m.get("r").bbox == pytest.approx((20, 30, 40, 40))
    assert m.get("r").area == pytest.approx(200)
    # rotate about (50, 50) sends (70, 60) to (40, 70); then translate by (10, 20)
    assert m.get("rot").bbox == pytest.approx((50, 70, 60, 90))
    assert m.hit(55, 80, "t") == ["rot"]


def test_text_region(tmp_path: Path) -> None:
    body = (
        '<g id="labels"><text id="label:x" x="50" y="50" font-size="10" '
        'text-anchor="middle">Heel</text></g>'
    )
    m = load_map(write_svg(tmp_path, body))
    t = m.get("label:x")
    assert t.kind == "text"
    x0, y0, x1, y1 = t.bbox
    assert x0 < 50 < x1 and y0 < 50 <= y1
    assert t.center == pytest.approx(((x0 + x1) / 2, (y0 + y1) / 2))


def test_group_with_namespaced_id_becomes_a_region(tmp_path: Path) -> None:
    body = '<g id="zones"><g id="zone:sole:left">' + square("", 0, 0, 10).replace(' id=""', "")
    body += square("", 50, 50, 10).replace(' id=""', "") + "</g></g>"
    m = load_map(write_svg(tmp_path, body))
    sole = m.get("zone:sole:left")
    assert sole.layer == "zones" and len(sole.polygons) == 2
    assert sole.area == pytest.approx(200)


def test_relative_and_shorthand_path_commands_match_svgelements(tmp_path: Path) -> None:
    import svgelements as se

    d = "m10 10 c5 0 10 5 10 10 s-5 10 -10 10 q-5 0 -5 -5 t2 -7 z m40 0 h20 v20 h-20 z l5 5 5 -5 z"
    fast = geometry._Segments()
    assert geometry._segments_fast(d, fast)
    slow = geometry._Segments()
    geometry._segments_svgelements(se.Path(d), slow)
    a = geometry._flatten(fast, np.eye(3), 0.05)
    b = geometry._flatten(slow, np.eye(3), 0.05)
    assert len(a) == len(b) == 3
    for ra, rb in zip(a, b, strict=True):
        np.testing.assert_allclose(ra, rb, atol=1e-9)


@pytest.mark.parametrize(
    "d",
    [
        "M0 0 L10 0 L10 10 Z",
        "M0,0 10,0 10,10 z M20 20 L30 20 30 30 Z",  # implicit linetos after a moveto
        "M0 0 C1 2 3 4 5 6 7 8 9 10 11 12 Z",  # repeated cubic arguments
        "M0 0 L10 0 L10 10 Z L5 5 Z",  # drawing on after a closepath
        "M1e1-5L.5.5 3 3Z",  # packed numbers
        "M0 0 Z M5 5 L6 6 L5 7 Z Z",  # empty subpath, doubled closepath
    ],
)
def test_vectorised_path_parser_matches_svgelements(d: str) -> None:
    import svgelements as se

    fast = geometry._Segments()
    assert geometry._segments_vector(geometry._PATH_TOKEN.findall(d), fast)
    slow = geometry._Segments()
    geometry._segments_svgelements(se.Path(d), slow)
    a = geometry._flatten(fast, np.eye(3), 0.05)
    b = geometry._flatten(slow, np.eye(3), 0.05)
    assert len(a) == len(b)
    for ra, rb in zip(a, b, strict=True):
        np.testing.assert_allclose(ra, rb, atol=1e-9)


# --------------------------------------------------------------------------- rasters


def test_grid_and_scale(tmp_path: Path) -> None:
    path = write_svg(tmp_path, '<g id="z">' + square("sq", 10, 10, 20) + "</g>")
    m1 = load_map(path)
    m2 = load_map(path, scale=2.0)
    assert m1.grid_shape == (100, 100) and m2.grid_shape == (200, 200)
    assert m1.to_grid(10.2, 29.9) == (29, 10)
    assert m2.to_grid(10.2, 29.9) == (59, 20)
    assert m1.pixel_count("sq") == 400 and m2.pixel_count("sq") == 1600
    assert m2.hit(10.2, 29.9, "z") == ["sq"]
    assert m2.hit(9.9, 29.9, "z") == []


def test_hit_known_points_and_overlapping_layer(squares: SvgMap) -> None:
    assert squares.hit(20, 20, "zones") == ["zone:heel:left"]
    assert squares.hit(79.5, 39.5, "zones") == ["zone:heel:right"]
    assert squares.hit(40, 20, "zones") == []
    assert squares.hit(50, 50, "over") == ["a", "b"]
    assert squares.hit(10, 10, "over") == ["a"]
    assert squares.hit(-1, 50, "over") == [] and squares.hit(50, 100, "over") == []
    with pytest.raises(KeyError):
        squares.hit(1, 1, "nolayer")


def test_hit_is_fast(squares: SvgMap) -> None:
    squares.hit(0, 0, "over")  # builds the label raster
    n = 20000
    start = time.perf_counter()
    for i in range(n):
        squares.hit(50 + (i % 7), 50, "over")
    per_call = (time.perf_counter() - start) / n
    assert per_call < 50e-6, f"hit took {per_call * 1e6:.1f} µs"


def test_mask_is_a_fresh_array(squares: SvgMap) -> None:
    m = squares.mask("zone:heel:left")
    assert m.dtype == np.bool_ and m.shape == squares.grid_shape
    assert m.sum() == 400 and m[10:30, 10:30].all()
    m[:] = False
    assert squares.mask("zone:heel:left").sum() == 400


def test_overlap_and_coverage(squares: SvgMap) -> None:
    painted = np.zeros(squares.grid_shape, dtype=bool)
    assert squares.overlap(painted, "zones") == {}
    assert squares.coverage(painted, "zones") == {}
    painted[10:20, 10:30] = True  # top half of the left square: 200 cells
    painted[10:20, 35:45] = True  # 100 cells outside every zone
    assert squares.overlap(painted, "zones") == {"zone:heel:left": pytest.approx(0.5)}
    assert squares.coverage(painted, "zones") == {"zone:heel:left": pytest.approx(200 / 300)}
    painted[:] = False
    painted[50:60, 50:60] = True  # inside both a and b
    assert squares.overlap(painted, "over") == {
        "a": pytest.approx(100 / 3600),
        "b": pytest.approx(100 / 3600),
    }
    assert squares.coverage(painted, "over") == {"a": 1.0, "b": 1.0}
    with pytest.raises(ValueError, match="shape"):
        squares.overlap(np.zeros((3, 3), dtype=bool), "zones")


# --------------------------------------------------------------------------- errors


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.svg"
    with pytest.raises(GeometryError, match=r"nowhere\.svg") as info:
        load_map(missing)
    assert "not found" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "bad.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><g id="x"></svg>', encoding="utf-8")
    with pytest.raises(GeometryError, match=r"bad\.svg.*malformed"):
        load_map(path)


def test_not_svg(tmp_path: Path) -> None:
    path = tmp_path / "html.svg"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(GeometryError, match=r"html\.svg.*not an SVG"):
        load_map(path)


def test_bad_path_data_names_the_id(tmp_path: Path) -> None:
    path = write_svg(tmp_path, '<g id="z"><path id="zone:heel:left" d="M 0 0 L abc"/></g>')
    with pytest.raises(GeometryError, match="zone:heel:left"):
        load_map(path)


def test_missing_required_id(tmp_path: Path) -> None:
    path = write_svg(tmp_path, '<g id="zones">' + square("zone:heel:left", 0, 0, 5) + "</g>")
    with pytest.raises(GeometryError) as info:
        load_map(path, required=["zone:heel:left", "zone:heel:right", "zone:sole:left"])
    msg = str(info.value)
    assert str(path) in msg
    assert "missing" in msg and "zone:heel:right" in msg and "zone:sole:left" in msg
    assert "zone:heel:left," not in msg


@pytest.mark.parametrize(
    ("ident", "why"),
    [
        ("zone:knee_posterior:left", "unknown zone"),
        ("zone:heel:middle", "unknown side"),
        ("zone:saddle:left", "midline"),
        ("derm:L6:left", "unknown root"),
        ("ksp:S5:left", "unknown root"),
        ("root:L9:left:sac", "unknown root"),
        ("root:L5:left:elsewhere", "unknown root part"),
        ("lesion:L5-L6:central", "unknown level"),
        ("lesion:L4-L5:lateral:left", "unknown disc zone"),
        ("disc:L2-L4", "unknown level"),
        ("axial:zone:paracentral", "expected axial:zone:ZONE:SIDE"),
        ("nerve:tibial:middle", "unknown side"),
        ("nerve:tibial:left:branch", "unknown nerve part"),
        ("nerve:Tibial:left", "bad nerve name"),
        ("nerve:tibial", "expected nerve:NAME:SIDE"),
    ],
)
def test_invalid_namespaced_ids(tmp_path: Path, ident: str, why: str) -> None:
    path = write_svg(tmp_path, '<g id="z">' + square(ident, 0, 0, 5) + "</g>")
    with pytest.raises(GeometryError) as info:
        load_map(path)
    msg = str(info.value)
    assert str(path) in msg and ident in msg and why in msg


def test_valid_namespaced_ids_and_free_ids_load(tmp_path: Path) -> None:
    ids = [
        "zone:saddle:midline",
        "zone:foot_dorsum:right",
        "derm:C2:left",
        "dermlee:S2:right",
        "ksp:S4_5:left",
        "root:S1:right:extraforaminal",
        "root:T12:left",
        "lesion:L5-S1:central",
        "lesion:L1-L2:foraminal:right",
        "foramen:S1:left",
        "pedicle:L5:right",
        "vert:sacrum",
        "axial:zone:central",
        "axial:root:exiting:left",
        "axial:ligamentum_flavum:left",
        "nerve:common_peroneal:left",
        "nerve:common_peroneal:left:territory",
        "nerve:superior_gluteal:right:course",
        "silhouette:body",
        "label:anything:goes",
    ]
    body = '<g id="z">' + "".join(square(i, k, 0, 1) for k, i in enumerate(ids)) + "</g>"
    m = load_map(write_svg(tmp_path, body), required=ids)
    assert set(m.regions) == set(ids)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    body = '<g id="z">' + square("zone:heel:left", 0, 0, 5) + square("zone:heel:left", 9, 9, 5)
    path = write_svg(tmp_path, body + "</g>")
    with pytest.raises(GeometryError, match=r"duplicate.*zone:heel:left"):
        load_map(path)


def test_required_id_lists_cover_the_vocabulary() -> None:
    from radviz.anatomy import vocab

    body = set(geometry.required_body_ids())
    assert len(body) == len(geometry.required_body_ids())
    for zone in vocab.ZONES:
        sides = ["midline"] if zone in vocab.MIDLINE_ZONES else list(vocab.SIDES)
        assert all(f"zone:{zone}:{s}" in body for s in sides)
    assert "derm:C2:left" in body and "derm:S5:right" in body and "ksp:S4_5:left" in body
    spine = set(geometry.required_spine_ids())
    assert len(spine) == len(geometry.required_spine_ids())
    assert {"disc:T12-L1", "disc:L5-S1", "foramen:S1:left", "sac", "cauda"} <= spine
    assert {"root:L1:left:sac", "root:S1:right:extraforaminal", "axial:level_label"} <= spine
    assert {"lesion:L4-L5:central", "lesion:L5-S1:extraforaminal:left"} <= spine
    for ident in body | spine:
        assert geometry._id_problem(ident) is None, ident


# --------------------------------------------------------------------------- layering


def test_model_geometry_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import radviz.anatomy.geometry, radviz.resources\n"
        "qt = ('PySide6', 'shiboken6', 'pyqtgraph')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ disk cache
def test_disk_cache_round_trip_and_invalidation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADVIZ_CACHE_DIR", str(tmp_path / "cache"))
    svg = tmp_path / "a.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
        '<g id="zones"><path id="zone:heel:left" fill-rule="nonzero" '
        'd="M10 10 L60 10 L60 60 L10 60 Z"/>'
        '<circle id="ksp:S1:left" cx="30" cy="30" r="4"/></g></svg>'
    )
    first = geometry.load_map(svg)
    cached_files = list((tmp_path / "cache").glob("geometry-*.npz"))
    assert len(cached_files) == 1
    second = geometry.load_map(svg)
    assert second.regions.keys() == first.regions.keys()
    for rid, region in first.regions.items():
        other = second.regions[rid]
        assert (other.layer, other.fill_rule, other.kind) == (
            region.layer,
            region.fill_rule,
            region.kind,
        )
        assert (
            other.area == region.area
            and other.bbox == region.bbox
            and other.center == region.center
        )
        for a, b in zip(region.polygons, other.polygons, strict=True):
            assert np.array_equal(a, b)
    assert second.hit(30, 30, "zones") == first.hit(30, 30, "zones")
    # A required id missing from a cached map is still reported.
    with pytest.raises(geometry.GeometryError, match="zone:sole:left"):
        geometry.load_map(svg, required=["zone:sole:left"])
    # A corrupt cache file is ignored and rebuilt; a changed SVG gets a new entry.
    cached_files[0].write_bytes(b"not a zip")
    assert geometry.load_map(svg).regions.keys() == first.regions.keys()
    svg.write_text(svg.read_text().replace("L60 60", "L70 70"))
    geometry.load_map(svg)
    assert len(list((tmp_path / "cache").glob("geometry-*.npz"))) == 2
