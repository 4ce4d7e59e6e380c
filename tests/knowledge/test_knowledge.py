"""The knowledge base: every shipped item keeps its invariants; broken files fail clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from radviz.anatomy import vocab
from radviz.knowledge.loader import KNOWLEDGE_DIR, KnowledgeError, load_kb, load_kb_from
from radviz.reasoning.readability import fk_grade

KB = load_kb()


@pytest.mark.parametrize("collection", KB.COLLECTIONS)
def test_every_item_has_texts_and_real_sources(collection: str) -> None:
    items = KB.collection(collection)
    assert items
    for item in items.values():
        assert item.name and item.patient and item.clinician
        assert item.sources, item.id
        assert fk_grade(item.patient) <= 8.0, (collection, item.id, fk_grade(item.patient))
        assert len(item.clinician) >= len(item.name)


def test_contract_ids_are_all_present() -> None:
    assert set(vocab.ROOTS) <= KB.roots.keys()
    assert set(vocab.ZONES) == KB.zones.keys()
    assert set(vocab.CAUSES) <= KB.causes.keys()
    assert set(vocab.DIFFERENTIALS) <= KB.differentials.keys()
    assert set(vocab.RED_FLAGS) <= KB.red_flags.keys()
    assert set(vocab.TESTS) <= KB.tests.keys()
    for investigation in ("mri", "ct", "ct_myelogram", "xray", "emg_ncs", "discography"):
        assert investigation in KB.tests


@pytest.mark.parametrize("rid", vocab.MODELLED_ROOTS)
def test_modelled_roots_are_complete(rid: str) -> None:
    root = KB.roots[rid]
    assert root.sensory and root.pain and root.muscles and root.key_muscles
    assert root.key_point_zone in vocab.ZONES
    assert root.sensory.get(root.key_point_zone, 0.0) >= 0.9, "key point inside the territory"
    assert max(root.sensory.values()) == 1.0
    assert all(m in root.muscles for m in root.key_muscles)
    assert root.prior > 0
    assert root.compression


@pytest.mark.parametrize("rid", vocab.MODELLED_ROOTS)
def test_compression_follows_the_anatomical_rule(rid: str) -> None:
    # CLINICAL.md §8: paracentral -> traversing (lower root), foraminal -> exiting (upper
    # root), central -> the traversing root or a root of the cauda equina below it.
    for c in KB.roots[rid].compression:
        exiting, traversing = c.level.split("-")
        if c.relation == "exiting":
            assert exiting == rid and c.zone in ("foraminal", "extraforaminal")
        elif c.zone == "paracentral":
            assert traversing == rid
        else:
            assert c.zone == "central"
            assert vocab.ROOTS.index(rid) >= vocab.ROOTS.index(traversing)


def test_isncsci_key_muscles_and_reflexes() -> None:
    assert "knee_extension" in KB.roots["L3"].key_muscles
    assert "ankle_dorsiflexion" in KB.roots["L4"].key_muscles
    assert KB.roots["L5"].key_muscles[0] == "great_toe_extension"
    assert KB.roots["L5"].muscles["hip_abduction"] == 1.0
    assert KB.roots["L5"].muscles["ankle_inversion"] >= 0.8
    assert KB.roots["S1"].key_muscles == ("ankle_plantarflexion",)
    assert max(KB.roots["L4"].reflexes, key=KB.roots["L4"].reflexes.__getitem__) == "patellar"
    assert max(KB.roots["S1"].reflexes, key=KB.roots["S1"].reflexes.__getitem__) == "achilles"


def test_priors_follow_sport_levels() -> None:
    priors = {r: KB.roots[r].prior for r in vocab.MODELLED_ROOTS}
    assert priors["S1"] > priors["L5"] > priors["L4"] > priors["L3"] > priors["L2"]
    assert sum(priors.values()) == pytest.approx(1.0, abs=0.01)


def test_treatments_have_graded_evidence_with_sources() -> None:
    for t in KB.treatments.values():
        assert t.data["evidence"] in vocab.EVIDENCE_GRADES
        assert t.data["evidence_reason"] and t.data["evidence_sources"]
    assert KB.treatments["gabapentinoids"].data["evidence"] == "not_recommended"


def test_model_parameters_cite_sources() -> None:
    for section, table in KB.model.items():
        assert table["sources"], section


def test_kb_json_document_shape() -> None:
    doc = KB.to_dict()
    for name in ("roots", "causes", "treatments", "tests", "differentials", "red_flags", "zones"):
        assert doc[name]
        for item in doc[name]:
            assert {"id", "name", "patient", "clinician", "sources"} <= item.keys()
            assert isinstance(item["sources"], list) and item["sources"]
    assert all("evidence" in t for t in doc["treatments"])


# ----------------------------------------------------------- broken files
@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_copy_loads(kb_copy: Path) -> None:
    assert load_kb_from(kb_copy).roots.keys() == KB.roots.keys()


def test_bad_field_value_names_file_item_and_field(kb_copy: Path) -> None:
    _edit(kb_copy / "roots.toml", 'key_point_zone = "foot_dorsum"', 'key_point_zone = "forehead"')
    with pytest.raises(KnowledgeError) as err:
        load_kb_from(kb_copy)
    msg = str(err.value)
    assert "roots.toml" in msg and "'L5'" in msg and "key_point_zone" in msg and "forehead" in msg


def test_unknown_source_is_named(kb_copy: Path) -> None:
    _edit(
        kb_copy / "zones.toml",
        'sources = ["kirshblum2011", "girft2023"]',
        'sources = ["nobody1999"]',
    )
    with pytest.raises(
        KnowledgeError,
        match=r"zones.toml: item 'saddle': field 'sources': unknown source id 'nobody1999'",
    ):
        load_kb_from(kb_copy)


def test_missing_required_field_and_item(kb_copy: Path) -> None:
    _edit(kb_copy / "red_flags.toml", 'urgency = "emergency"', "")
    with pytest.raises(
        KnowledgeError,
        match=r"red_flags.toml: item 'cauda_equina_syndrome': field 'urgency': is required",
    ):
        load_kb_from(kb_copy)


def test_malformed_toml_and_missing_file(kb_copy: Path) -> None:
    (kb_copy / "causes.toml").write_text("[[item]\nid = ")
    with pytest.raises(KnowledgeError, match=r"causes\.toml: not valid TOML"):
        load_kb_from(kb_copy)
    (kb_copy / "causes.toml").unlink()
    with pytest.raises(KnowledgeError, match=r"causes\.toml: file is missing"):
        load_kb_from(kb_copy)


def test_unknown_field_is_rejected(kb_copy: Path) -> None:
    _edit(kb_copy / "roots.toml", 'id = "S1"', 'id = "S1"\ncolour = "red"')
    with pytest.raises(
        KnowledgeError, match=r"roots.toml: item 'S1': field 'colour': unknown field"
    ):
        load_kb_from(kb_copy)


def test_parsed_knowledge_is_cached_and_checked_again(
    kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADVIZ_CACHE_DIR", str(tmp_path / "cache"))
    first = load_kb_from(kb_copy)
    caches = list((tmp_path / "cache").glob("knowledge-*.json"))
    assert len(caches) == 1
    again = load_kb_from(kb_copy)  # from the cache
    assert again.to_dict() == first.to_dict()
    caches[0].write_text("{not json")  # a corrupt cache is ignored
    assert load_kb_from(kb_copy).to_dict() == first.to_dict()
    # An edited file is parsed and validated afresh, errors and all.
    _edit(kb_copy / "roots.toml", 'key_point_zone = "heel"', 'key_point_zone = "nose"')
    with pytest.raises(KnowledgeError, match=r"roots\.toml: item 'S1': field 'key_point_zone'"):
        load_kb_from(kb_copy)
