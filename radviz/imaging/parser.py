"""MRI report text -> imaging findings (pure, no Qt).

:func:`parse_report` reads a free-text lumbar spine MRI report (one sentence or a whole
report with FINDINGS/IMPRESSION headers, numbered lines and ``L4-5: ...`` lines) and
returns the contract's imaging document (CONTRACT.md §5) as :class:`ImagingReport`.

How a report is read
--------------------
* The whole input is read (no cap): lines, then sentences (cut at ``. ``, ``!``, ``?``;
  long runs without punctuation are cut every :data:`MAX_SENTENCE_CHARS`), then clauses
  (``;``, ``:``, *but*, *however*, *with*, *while*, *whereas*, *although*, *except*).
  Work is linear in the length: every regular expression is linear (no nested
  quantifiers over the same text), a sentence with nothing to read is skipped before
  analysis, each distinct sentence is analysed once, and a lesion's questions to its
  sentence (negation cues, clause, levels around it) are answered by bisection over
  matches found once (``tests/imaging/test_speed.py`` counts the work).
* Each sentence is first made readable: misspelt words of the reader's own vocabulary
  are corrected (:mod:`radviz.imaging.spelling`: bounded edit distance, never free
  words), "L5-SI"/"L5-Sl" read as L5-S1, "cannot be excluded" as a hedge (not a
  negation), and plain-language slips ("L3 sits forward of L4", "L4 is translated
  anteriorly on L5") as listhesis.
* Sections named HISTORY, INDICATION, CLINICAL INFORMATION, REASON FOR EXAM,
  COMPARISON, TECHNIQUE (and similar) are skipped: "rule out disc herniation" there is
  a question, not a finding.
* Levels: ``L4-5``, ``L4/5``, ``L4-L5``, ``L4–L5``, ``L4 — L5``, ``L4 L5``, ``L5/S1``,
  ``L5-S1``, ``L5-1``, "lumbosacral junction/level/disc", "L4 on L5", lists
  ("at L4-5 and L5-S1", "L3-4, L4-5 and L5-S1") and ranges ("L3-4 through L5-S1").
  Six lumbar-type vertebrae: ``L5-L6`` (the disc below the fifth lumbar vertebra, whose
  exiting root the model calls L5) and ``L6-S1`` (the last mobile disc) are both read as
  the contract's ``L5-S1``, and the document carries :data:`TRANSITIONAL_NOTE`, as it
  does for "transitional vertebra", "sacralized L5", "lumbarized S1".
  ``T12-L1`` is recognised but dropped (not a contract level), and so is every lesion
  placed there. A lesion takes the level phrase right after it ("bulge at L4-5"), else
  the last level named before it in the sentence, else the next one in the same clause
  ("bulge and facet hypertrophy at L4-5"), else the level last named in the same
  paragraph or under the same ``L4-5:`` heading line (a blank line, a section header or
  a new numbered item ends it), else the next level in the sentence; a sentence that says
  "multilevel"/"throughout" without naming a level yields nothing. A lesion with no
  level at all is dropped, unless a named root tells the level ("compressing the
  traversing left S1 root" -> L5-S1).
* Negation: *no*, *not*, *without*, *negative for*, *free of*, *absence of*, *no
  evidence of*, *neither/nor*, *resolution of*, *rule out* negate the lesions after
  them in the same clause, until *but/with/which/there is/and a*, or a severity word
  after a negated lesion ("no canal stenosis and mild foraminal narrowing" keeps the
  foraminal narrowing). "is/are not seen/absent/normal/unremarkable/preserved/patent"
  negate the lesion(s) just before them. "L3-4: normal" names no lesion and yields
  nothing. A negation never crosses a clause or sentence.
* Lesions (Fardon 2014 nomenclature): bulge; protrusion; extrusion; sequestration
  (sequestered, free fragment, migrated fragment); herniation (herniated, HNP) - a
  herniation is dropped when the same level and side has a protrusion, extrusion or
  sequestration; stenosis/narrowing/encroachment/compromise typed by the nearest zone
  words (canal/thecal sac/central -> canal_stenosis; lateral recess/subarticular ->
  lateral_recess_stenosis; foramen/foraminal -> foraminal_stenosis; none -> canal,
  or foraminal when a side is given); "disc space narrowing" is not stenosis;
  spondylolisthesis/anterolisthesis/retrolisthesis with Meyerding grade (I-V, 1-5,
  "grade 1-2" -> 2, millimetres assuming a 40 mm vertebral body: <10 mm -> 1, <20 ->
  2, <30 -> 3, else 4; percent: <25 -> 1 ...) and type (degenerative; isthmic from
  isthmic/spondylolytic/spondylolysis/pars defect; retrolisthesis); synovial/facet/
  juxta-articular cyst; osteophyte (osteophytes, spurs, disc-osteophyte complex, facet
  hypertrophy/arthropathy/arthrosis/degeneration, ligamentum flavum thickening or
  buckling). Anterior osteophytes narrow nothing and are ignored.
* Severity: mild (minimal, slight, small, tiny, subtle, borderline, low-grade),
  moderate (moderate-sized), severe (marked, critical, high-grade, advanced, large,
  massive), "mild to moderate" -> moderate, "moderate to severe"/"moderately severe"
  -> severe; the most severe word in the lesion's own phrase wins; otherwise
  ``unspecified``. A listhesis with no severity word takes it from its grade
  (1 mild, 2 moderate, 3+ severe).
* Side and zone come from the words before the lesion (back to the previous lesion)
  and from locative phrases after it ("on the left", "into the right neural foramen",
  "bilaterally", "left greater than right" -> bilateral, "eccentric to the left" ->
  left paracentral). Subarticular, lateral recess and posterolateral mean paracentral;
  far lateral means extraforaminal.
* Defaults: protrusion/extrusion/sequestration/herniation/synovial cyst/osteophyte
  with a side -> paracentral, without -> central and bilateral; bulge, canal stenosis,
  disc-osteophyte complex and ligamentum flavum thickening -> central bilateral
  (canal stenosis is always central bilateral); facet hypertrophy -> paracentral
  (lateral recess); lateral recess stenosis -> paracentral; foraminal stenosis ->
  foraminal; spondylolisthesis -> central bilateral, but isthmic -> foraminal
  bilateral. A lesion without a stated side or zone that names a sided root takes
  that root's side and the zone of its relation.

Only what narrows a neural space (issue #16.4)
----------------------------------------------
Facet arthropathy or hypertrophy, ligamentum flavum thickening, spurs and
disc-osteophyte complexes are findings only when their clause says they narrow or touch
something (not negated) or names a root, and not when the sentence reports that
narrowing as a stenosis itself; anterior and lateral spurs and anterior bulges never are.
A lesion named in general words ("lesion", "mass", "fragment", "cyst", "disc material",
"rounded structure") is a finding (``other``) only when the sentence names the root it
compresses or contacts; "the lesion" refers back to the lesion just named, and "a mass
..., likely a sequestered fragment" takes the kind named. A negation in the next
sentence about the same level cancels ("Small protrusion at L4-5. No herniation is
seen at this level."). A hedge within the lesion's own phrase ("possible", "cannot be
excluded", "questionable", "suspected") gives ``certainty: possible``.

Roots (CLINICAL.md §8, :func:`radviz.anatomy.levels.roots_at_level`)
--------------------------------------------------------------------
paracentral -> the same-side traversing root; foraminal/extraforaminal -> the exiting
root; central (and anything bilateral) -> the traversing root on both sides. A lesion
in more than one zone ("central and left paracentral") gets the union. A root named
in the text is kept with the relation the anatomy gives it when it is one of the two
roots reachable at that level (exiting or traversing), even if the zone rule did not
pick it; a named root that cannot be reached at that level ("L4-5 ... compressing
S1") is ignored, as is a negated one ("without contacting the S1 root").

Findings with the same level, side, zone and lesion are merged (the impression
repeating the findings): the most severe severity and the longest text are kept, the
roots are united. A finding whose side or zone was only defaulted merges into one of
the same level and lesion that states them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from radviz.anatomy import vocab
from radviz.anatomy.levels import level_of_root, level_pair, roots_at_level
from radviz.imaging.document import (
    IMAGING_SIDES,
    LESIONS,
    LEVELS,
    SEVERITIES,
    TRANSITIONAL_NOTE,
    ZONES,
    ImagingError,
    ImagingFinding,
    ImagingReport,
    ImagingRoot,
    max_severity,
    order_roots,
)
from radviz.imaging.spelling import correct

__all__ = [
    "IMAGING_SIDES",
    "LESIONS",
    "LEVELS",
    "SEVERITIES",
    "ImagingError",
    "ImagingFinding",
    "ImagingReport",
    "ImagingRoot",
    "parse_report",
    "report_notes",
]

# --------------------------------------------------------------------------- limits
MAX_SENTENCE_CHARS = 1_000
"""Runs of text without sentence punctuation are cut into pieces of at most this size."""
MAX_TEXT_CHARS = 1_000
"""The ``text`` of a finding is cut to this length."""

_DISC_LESIONS = frozenset({"protrusion", "extrusion", "sequestration", "herniation"})
_SPECIFIC_HERNIATIONS = frozenset({"protrusion", "extrusion", "sequestration"})


# --------------------------------------------------------------------------- patterns
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
)
_WS = re.compile(r"\s+")

_SEV_WORDS = (
    r"(?:mild|mildly|minimal|minimally|slight|slightly|small|tiny|moderate|moderately|"
    r"severe|severely|marked|markedly|critical|critically|advanced|large|massive|huge|"
    r"big|subtle|borderline|trace|minor|high-grade|high grade|low-grade|low grade|"
    r"medium|moderate-sized|moderate sized)"
)
_SEVERITY_RE = re.compile(
    r"\b(?P<mm>(?:mild|mildly|minimal|minimally|slight|slightly)\s?(?:-|to|/|-to-)\s?"
    r"(?:moderate|moderately)\b)"
    r"|\b(?P<ms>(?:moderate|moderately)\s?(?:-|to|/|-to-)\s?(?:severe|severely|marked|markedly)\b"
    r"|moderately severe\b)"
    r"|\b(?P<s>severe|severely|marked|markedly|critical|critically|advanced|large|massive|"
    r"huge|big|high-grade|high grade)\b"
    r"|\b(?P<m>moderate|moderately|medium)\b"
    r"|\b(?P<l>mild|mildly|minimal|minimally|slight|slightly|small|tiny|subtle|borderline|"
    r"trace|minor|low-grade|low grade)\b"
)

_LEVEL_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?P<u>[tl])\s?(?P<un>[0-9]{1,2})(?:\s?[-/]\s?|\s(?=[ls]\s?[0-9])|\s(?=[0-9](?![0-9]))"
    r"|\sto\s(?=[ls][0-9]))"
    r"(?P<l>[ls])?\s?(?P<ln>[0-9])(?![0-9]|\.[0-9])"
    r"|(?P<cu>l)(?P<cun>[1-4])(?P<cln>[2-5])(?![0-9])"
    r"|(?P<ou>l)(?P<oun>[1-5])\s(?:on|upon|over|relative to)\s(?P<ol>[ls])(?P<oln>[1-5])"
    r"(?![0-9])"
    r"|(?P<ls>lumbosacral\s(?:junction|level|disc|disk|interspace|segment|joint))"
    r")(?!\s?(?:nerve|root|mm\b|cm\b|%))"
)
_LIST_SEP = re.compile(
    r"\s?(?:,|and|&|/|or|,\s?and|as well as)?\s?(?:at\s)?"
    r"(?:(?:mild|moderate|severe|marked|minimal|mild to moderate|moderate to severe)\s)?"
)
_RANGE_SEP = re.compile(r"\s?(?:through|thru|to|-)\s?(?:the\s)?")

_ZONE_ALTS: tuple[tuple[str, str], ...] = (
    ("extraforaminal", r"extra-?foraminal(?:ly)?|far[ -]lateral(?:ly)?"),
    (
        "foraminal",
        r"(?:neural |neuro-?|exit |exit(?:ing)? |intra-?)?foramin(?:al|a|ally)|"
        r"(?:neural |neuro-?|exit |exit(?:ing)? )?foramen|"
        r"neuroforamin\w*|intervertebral foram\w*",
    ),
    (
        "lateral_recess",
        r"lateral recess(?:es)?|subarticular(?: recess(?:es)?| zones?| regions?)?"
        r"|recess(?:es)?",
    ),
    ("paracentral", r"para-?central(?:ly)?|para-?median|postero-?lateral(?:ly)?"),
    ("canal", r"(?:central|spinal) canal|thecal sac|canal"),
    ("central", r"central(?:ly)?|midline|median"),
)
_ZONE_BODY = "|".join(f"(?P<z_{k}>{p})" for k, p in _ZONE_ALTS)
_ZONE_RE = re.compile(rf"\b(?:{_ZONE_BODY})\b")

_SIDE_RE = re.compile(
    r"\b(?:(?P<lean>left|right)\s?(?:>|(?:slightly |much )?(?:greater|more|worse) than)\s?"
    r"(?:left|right)\b"
    r"|(?P<bi>bilateral(?:ly)?|both sides|both)\b"
    r"|(?P<one>left|right)(?:[- ]sided)?\b)"
)

_LESION_ALTS: tuple[tuple[str, str], ...] = (
    (
        "sequestration",
        r"sequest(?:ration|rations|ered|rum)|free(?:[ -]floating)?[ -]"
        r"(?:dis[ck] )?fragments?|migrated (?:dis[ck] )?fragments?",
    ),
    ("extrusion", r"extru(?:sion|sions|ded|ding)"),
    ("protrusion", r"protru(?:sion|sions|ding|des|ded)"),
    ("herniation", r"hernia(?:tion|tions|ted)|hnp|prolaps(?:e|es|ed)|slipped dis[ck]s?"),
    (
        "synovial_cyst",
        r"(?:synovial|juxta-?facet|juxta-?articular|facet(?: joint)?|ganglion) "
        r"cysts?|(?:degenerative |small |large )?cysts?(?=\s(?:(?:arising|extending|projecting)\s)?"
        r"(?:from|of|anterior to|adjacent to|medial to|at|along)\s(?:the\s)?(?:left\s|right\s)?"
        r"(?:l[1-5]-?[1-5s]?\s)?facet)",
    ),
    (
        "osteophyte_disc",
        r"dis[ck][ -]osteophyte(?: complex(?:es)?)?|dis[ck] osteophytic complex"
        r"(?:es)?|osteophytic ridg(?:e|es|ing)",
    ),
    ("bulge", r"bulg(?:e|es|ing)"),
    (
        "osteophyte_lf",
        r"ligament(?:um|a)? flav(?:um|a)? (?:thickening|hypertroph\w*|buckling|"
        r"infolding|redundancy)|(?:thicken(?:ing|ed)|hypertroph\w*|buckl(?:ing|ed)|"
        r"infolding) (?:of )?(?:the )?ligament(?:um|a)? flav(?:um|a)?",
    ),
    (
        "osteophyte_facet",
        r"facets?(?: joints?)? (?:hypertroph\w*|arthropath\w*|arthros[ie]s|"
        r"osteoarthrit\w*|arthrit\w*|degenerat\w*|overgrowth|disease|changes|"
        r"osteophyt\w*)|(?:hypertroph\w*|degenerat\w*|arthrit\w*|osteoarthrit\w*|"
        r"arthropath\w*) (?:changes (?:of|in|at) )?(?:the )?facets?(?: joints?)?"
        r"(?: (?:arthropathy|disease|changes|hypertrophy))?",
    ),
    ("osteophyte", r"osteophyt\w*|spurs?|spurring"),
    (
        "retrolisthesis",
        r"retro-?listhes[ie]s|(?:backward|posterior)\s(?:slip(?:page)?|translation|"
        r"subluxation)|slip(?:ped|page)?\s(?:backwards?|posteriorly)",
    ),
    (
        "listhesis",
        r"spondylolisthes[ie]s|antero-?listhes[ie]s|listhes[ie]s|spondylolisthetic|"
        r"(?:forward|anterior)\s(?:slip(?:page)?|translation|subluxation)|"
        r"slip(?:ped|page)?\s(?:forwards?|anteriorly)|slip(?:page)?(?=\s(?:of\s)?(?:the\s)?"
        r"l[1-6]\s(?:on|over|upon|relative to)\s)",
    ),
    (
        "stenosis",
        r"stenos[ie]s|stenotic|narrow(?:ing|ings|ed|s)?|encroach(?:ment|es|ing)?|"
        r"compromise[ds]?|tighten(?:ing|s|ed)?|"
        r"effac(?:ement|ing|es|ed)(?=\s(?:of\s)?(?:the\s)?(?:(?:left|right|bilateral)\s)?"
        r"(?:lateral\srecess|subarticular|recess|(?:neural\s|neuro)?foram))|"
        r"(?:partial(?:ly)?\s|complete(?:ly)?\s)?(?:effac\w*|obliterat\w*)\s(?:of\s)?(?:the\s)?"
        r"(?:perineural|perineurial|epidural|foraminal)\sfat",
    ),
    (
        "other",
        r"lesions?|mass(?:es)?(?![ -]effect)|fragments?|cysts?|nodules?|collections?|"
        r"dis[ck] material|"
        r"rounded (?:structure|focus|lesion)|soft[ -]tissue(?: (?:mass|thickening))?",
    ),
)
_LESION_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<x{i}>{p})" for i, (_, p) in enumerate(_LESION_ALTS)) + r")\b"
)
_APPOSITION_RE = re.compile(
    r"[\s,(]\s?(?:most\s)?(?:likely|probably|presumably|consistent with|representing|"
    r"in keeping with|suggestive of|compatible with|thought to represent|which represents|"
    r"favou?red to represent|likely to represent|favou?ring|probably representing|may represent)"
    r"\s(?:an?\s|the\s)?(?:[a-z-]+\s){0,2}$"
)
_OF_DISC_SPACE = re.compile(
    r"\s(?:of\s)?(?:the\s)?(?:l[1-5]\s?[-/]\s?[ls]?[0-9]\s)?(?:intervertebral\s)?"
    r"dis[ck](?:\s(?:space|height|interspace))"
)
_OF_A_ROOT = re.compile(
    r"\s(?:of|on|upon)\s(?:the\s)?(?:(?:left|right|bilateral)\s)?(?:exiting\s|traversing\s|"
    r"descending\s)?[ls][1-5]\s(?:nerve\s)?(?:roots?|nerves?)\b"
)
_LESION_KINDS = {f"x{i}": kind for i, (kind, _) in enumerate(_LESION_ALTS)}
_NARROWS_NOTHING_BEFORE = re.compile(
    r"\b(?:anterior|anterolateral|ventral|marginal|lateral(?!\srecess)|vertebral body)"
    r"\s(?:\w+\s)?$"
)
_NARROWS_NOTHING_AFTER = re.compile(
    r"(?:\s(?:is|are|was|were|noted|seen|present|identified)){0,3}\s"
    r"(?:anteriorly|anterolaterally|ventrally)\b"
)
_ANAPHORA_RE = re.compile(r"\b(?:the|this|that|which|these|such)\s(?:\w+\s)?$")
_HEDGE_RE = re.compile(
    r"\b(?:possible|possibly|questionable|question of|suspected|suspect|suspicious (?:for|of)|"
    r"suspicion (?:of|for)|equivocal|may represent|might represent|could represent|"
    r"may reflect|cannot exclude|can not exclude|not excluded|indeterminate|"
    r"(?:the\s)?possibility\s(?:of|for))\b|\?"
)
_HEDGE_WORDS = 6
_HEDGE_AFTER_RE = re.compile(
    r"[\s,]*(?:(?:(?:is|are|was|were)\s)?(?:also\s)?(?:possible|suspected|questioned|"
    r"questionable|not excluded|equivocal|possibly present)\b|\(?\?)"
)
_CONTACT_RE = re.compile(
    r"\b(?:narrow\w*|stenos[ie]s|stenotic|encroach\w*|compress\w*|contact\w*|abut\w*|"
    r"imping\w*|efface\w*|indent\w*|displac\w*|compromis\w*|deform\w*|press(?:es|ing)|"
    r"touch\w*|obliterat\w*|crowd\w*|distort\w*|trap\w*)"
)
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|without|nor|free of)\b[^,;]*$")
_SAME_LESION_GAP = re.compile(r"\s?(?:/|or|,)?\s?(?:of\s)?(?:dis[ck]\s)?(?:\(\s?)?")
_NOT_STENOSIS_BEFORE = re.compile(
    r"(?:dis[ck](?: space| height)?|intervertebral(?: dis[ck])?(?: space)?|joint space|"
    r"interspace|space|height|root|nerve|neural|vascular) $"
)

_ROOT_RE = re.compile(
    r"(?<![a-z0-9])(?:(?P<s1>left|right|bilateral)\s)?"
    r"(?:(?P<rel>exiting|existing|exit|traversing|descending|transiting)\s)?"
    r"(?:(?P<s2>left|right|bilateral)\s)?"
    r"(?P<roots>[ls][1-5](?:(?:\s?(?:,|and|/|or|&)\s?|\s)[ls][1-5])*)(?![0-9])"
    r"(?:\s(?P<tail>nerve roots?|roots?|nerves?|root sleeves?|nerve root sleeves?)\b)?"
    r"(?:\s(?P<s3>bilaterally|on the left|on the right|on both sides)\b)?"
)
_ROOT_NAME_RE = re.compile(r"[ls][1-5]")
_SIDED_ROOT_RE = re.compile(
    r"(?<![a-z0-9])(?:(?P<s1>left|right|bilateral)\s)?"
    r"(?:(?P<rel>exiting|existing|exit|traversing|descending|transiting)\s)?"
    r"(?:(?P<s2>left|right|bilateral)\s)?(?P<tail>nerve roots?|roots?)\b"
)
"""A root named by its side only ("pushing on the left nerve root"): the level's root."""

_PRE_NEG_RE = re.compile(
    r"\b(?:no|not|without|negative for|free of|absence of|neither|nor|resolution of|"
    r"rule out|ruled out|r/o|evaluate for|assess for|none)\b"
)
_NO_CHANGE_RE = re.compile(r"(?:\s(?:significant|interval|appreciable|substantial|new))*\schange")
_NEG_STOP_RE = re.compile(
    r"\b(?:but|however|although|though|while|whereas|except|with|which|also|otherwise|"
    r"there (?:is|are|was|were)|and (?:a|an|there))\b|[;:]"
)
_SEEN = (
    r"(?:seen|present|identified|demonstrated|evident|appreciated|visuali[sz]ed|noted|"
    r"visible|apparent)"
)
"""Words a report uses for "is there" (negated by "not" or "no longer")."""
_POST_NEG_RE = re.compile(
    r"\b(?:(?:is|are|was|were|has|have)\s(?:(?:otherwise|again|also|now|still|been)\s)?"
    rf"(?:not\s{_SEEN}|"
    r"absent|normal|unremarkable|preserved|maintained|(?:widely\s)?patent|resolved|"
    r"within normal limits)"
    rf"|not\s{_SEEN}|no longer\s{_SEEN})\b"
)
_POST_GAP_STOP = re.compile(
    r"[,;]|\b(?:but|however|with|which|present|noted|seen|identified|there|and a|and an)\b"
)
_CLAUSE_RE = re.compile(r";|:|\b(?:but|however|whereas|while|although|with|except|otherwise)\b")
_PRE_BREAK_RE = re.compile(
    r"\b(?:there (?:is|are|was|were)|which|also|and (?:a|an|the)|noted|seen|present|plus|"
    r"as well as|in addition|"
    r"(?:distortion|effacement|indentation|attenuation|deformity|displacement)(?:\s?,|\sand))\b"
)
_MULTILEVEL_RE = re.compile(
    r"\b(?:multi-?level|multiple levels|throughout|all levels|several levels|various levels|"
    r"each level|every level|(?:lower|upper|mid) lumbar (?:spine|levels)|diffuse(?:ly)?)\b"
)
_NO_CARRY_RE = re.compile(
    r"\b(?:conus|terminat\w*|vertebral bod\w*|marrow|hemangioma|fracture|transitional|"
    r"lumbari[sz]\w*|sacrali[sz]\w*|numbering|counted|numbered|kidney|aorta)\b"
)
_ISTHMIC_RE = re.compile(
    r"\b(?:isthmic|spondylolytic|spondylolys[ie]s|pars(?: interarticularis)? (?:defects?|"
    r"fractures?|breaks?|lysis|clefts?)|pars defects?)\b"
)
_PARS_VERT_RE = re.compile(
    r"\b(l[1-5])\s(?:pars|spondylolys[ie]s|isthmic)|\bpars (?:interarticularis )?"
    r"(?:defects?|fractures?) (?:of|at) (?:the )?(l[1-5])\b"
)
_GRADE_RE = re.compile(
    r"\b(?:meyerding\s)?grade\s?(?P<g1>iv|v|i{1,3}|[1-5])\b(?:\s?(?:-|to|/)\s?(?P<g2>iv|v|i{1,3}|"
    r"[1-5])\b)?"
)
_MM_RE = re.compile(r"(?<![0-9.])(?P<n>[0-9]{1,3}(?:\.[0-9])?)\s?(?P<u>mm|cm|%)(?![a-z])")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}

_SKIP_SECTIONS = frozenset(
    {
        "history",
        "clinical history",
        "indication",
        "indications",
        "clinical indication",
        "clinical indications",
        "reason for exam",
        "reason for examination",
        "reason for study",
        "reason for referral",
        "reason",
        "clinical information",
        "clinical info",
        "clinical data",
        "clinical details",
        "clinical notes",
        "comparison",
        "comparisons",
        "technique",
        "procedure",
        "exam",
        "examination",
        "study",
        "protocol",
        "sequences",
        "contrast",
        "referring physician",
        "requested by",
        "question",
        "clinical question",
        "patient",
    }
)
_KEEP_SECTIONS = frozenset(
    {
        "findings",
        "finding",
        "impression",
        "impressions",
        "conclusion",
        "conclusions",
        "opinion",
        "summary",
        "report",
        "result",
        "results",
        "interpretation",
        "discussion",
        "diagnosis",
        "comment",
        "comments",
        "assessment",
    }
)
_LABELS: dict[str, str | None] = {
    "disc": None,
    "discs": None,
    "disk": None,
    "intervertebral disc": None,
    "canal": "canal",
    "central canal": "canal",
    "spinal canal": "canal",
    "thecal sac": "canal",
    "foramina": "foraminal",
    "foramen": "foraminal",
    "neural foramina": "foraminal",
    "neural foramen": "foraminal",
    "neuroforamina": "foraminal",
    "neuroforamen": "foraminal",
    "foraminal": "foraminal",
    "lateral recesses": "lateral_recess",
    "lateral recess": "lateral_recess",
    "recesses": "lateral_recess",
    "subarticular recesses": "lateral_recess",
    "subarticular": "lateral_recess",
    "facets": "facet",
    "facet joints": "facet",
    "facet joint": "facet",
    "facet": "facet",
    "posterior elements": "facet",
}
_HEADER_RE = re.compile(r"^([a-z][a-z /&()-]{0,40}?)\s?:\s?")
_ITEM_RE = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|[-*\u2022])\s")
_SENT_END_RE = re.compile(r"[.!?](?=\s|$)")
_FACET_WORD_RE = re.compile(r"\b(hypertroph\w*|arthropath\w*|arthros[ie]s|degenerat\w*)")

# Rewrites applied to each sentence before reading it (on the lower-cased text).
_ZW = (
    r"(?:central canal|spinal canal|thecal sac|canal|central|lateral recess(?:es)?|"
    r"subarticular(?: recess(?:es)?| zones?)?|(?:neural |neuro)?foramin(?:al|a)|"
    r"(?:neural |neuro)?foramen)"
)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b([lr])\s?>\s?([lr])\b"), r"\1 greater than \2"),
    (re.compile(r"\bl greater than r\b"), "left greater than right"),
    (re.compile(r"\br greater than l\b"), "right greater than left"),
    (
        re.compile(r"\bwith (?:\w+ )?(?:extension|extending) (into|to|toward|towards)\b"),
        r"extending \1",
    ),
    (
        re.compile(
            rf"\b({_ZW}) (stenosis|narrowing) (?:is|are) ({_SEV_WORDS}) on the (left|right) "
            rf"(?:and|,) ({_SEV_WORDS}) on the (left|right)\b"
        ),
        r"\3 \4 \1 \2 and \5 \6 \1 \2",
    ),
    (re.compile(r"\bwhich (extends|extending|projects|migrates)\b"), r"\1"),
    (
        re.compile(
            r"\bwith (?:an? )?((?:left |right )?(?:extra-?foraminal|foraminal|far[ -]lateral|"
            r"subarticular|lateral recess)) (?:extension|component)\b"
        ),
        r"extending into the \1",
    ),
    (
        re.compile(
            rf"\b({_ZW}) (and|or|/|,) ((?:(?:mild|moderate|severe|marked|minimal|slight|"
            rf"bilateral|left|right|significant|high-grade|to|the) )*)"
            rf"(?={_ZW} (?:stenos|narrow|encroach|compromise))"
        ),
        r"\1 stenosis \2 \3",
    ),
    (
        re.compile(
            rf"\b({_SEV_WORDS}) (left|right) (and|,) ({_SEV_WORDS}) (left|right) "
            r"((?:neural |neuro)?foramin\w*|lateral recess\w*|subarticular) "
            r"(stenosis|narrowing)\b"
        ),
        r"\1 \2 \6 \7 \3 \4 \5 \6 \7",
    ),
)


_ELIDED_RE = re.compile(
    r"\b(narrowing|stenosis|encroachment|compromise) of the ([a-z0-9 /-]{3,60}?) and of the "
)
_REWRITE_NEEDLES: tuple[str, ...] = (
    ">",
    " greater than ",
    " greater than ",
    "with ",
    " on the ",
    "which ",
    "with ",
    " ",
    " ",
)
"""A literal each rewrite needs (in order): a sentence without it skips that rewrite."""


# --------------------------------------------------------------------------- internals
@dataclass
class _Mention:
    kind: str
    start: int
    end: int


@dataclass
class _LevelGroup:
    levels: tuple[str, ...]  # contract levels; "" marks a recognised non-contract level
    start: int
    end: int


@dataclass
class _Draft:
    level: str
    side: str
    zone: str
    lesion: str
    severity: str
    text: str
    side_explicit: bool
    zone_explicit: bool
    zones: tuple[str, ...] = ()
    grade: int | None = None
    listhesis_type: str | None = None
    named: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    roots: tuple[ImagingRoot, ...] = ()
    order: int = 0
    certainty: str = "definite"
    contact: bool = False
    cancelled: bool = False


@dataclass
class _Attrs:
    sides: list[str] = field(default_factory=list)
    lean: str | None = None
    zones: list[str] = field(default_factory=list)
    severity: str = "unspecified"
    levels: tuple[str, ...] | None = None
    vertebra: str | None = None
    grade: int | None = None
    mm: float | None = None
    percent: float | None = None
    end: int = 0


def _lower_same_length(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def _level_from_match(m: re.Match[str]) -> str | None:
    """Contract level, "" for T12-L1, None for no level at all."""
    if m.group("ls"):
        return "L5-S1"
    if m.group("cu"):  # "L45": no separator
        u, un, lo, ln = "l", int(m.group("cun")), "l", int(m.group("cln"))
    elif m.group("ou"):
        u, un, lo, ln = "l", int(m.group("oun")), m.group("ol"), int(m.group("oln"))
    else:
        u, un = m.group("u"), int(m.group("un"))
        ln = int(m.group("ln"))
        lo = m.group("l")
        if lo is None:
            lo = (
                "s" if (u == "l" and un == 5 and ln == 1) else ("l" if u == "t" and un == 12 else u)
            )
    if u == "l" and lo == "l" and 1 <= un <= 4 and ln == un + 1:
        return f"L{un}-L{ln}"
    if u == "l" and un == 5 and lo == "s" and ln == 1:
        return "L5-S1"
    if u == "l" and ((un == 5 and lo == "l" and ln == 6) or (un == 6 and lo == "s" and ln == 1)):
        return "L5-S1"  # six lumbar-type vertebrae: the last mobile disc (module docstring)
    if u == "t" and un == 12 and lo == "l" and ln == 1:
        return ""
    return None


def _level_groups(s: str) -> list[_LevelGroup]:
    raw: list[tuple[str, int, int]] = []
    for m in _LEVEL_RE.finditer(s):
        lv = _level_from_match(m)
        if lv is not None:
            raw.append((lv, m.start(), m.end()))
    groups: list[_LevelGroup] = []
    for lv, a, b in raw:
        if groups:
            g = groups[-1]
            between = s[g.end : a]
            if len(between) <= 16 and _RANGE_SEP.fullmatch(between) and g.levels and lv:
                last = g.levels[-1]
                if last and last in LEVELS and lv in LEVELS:
                    i, j = LEVELS.index(last), LEVELS.index(lv)
                    if i < j:
                        g.levels = g.levels + LEVELS[i + 1 : j + 1]
                        g.end = b
                        continue
            if len(between) <= 16 and _LIST_SEP.fullmatch(between):
                g.levels = (*g.levels, lv)
                g.end = b
                continue
        groups.append(_LevelGroup((lv,), a, b))
    return groups


def _lesion_mentions(s: str) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _LESION_RE.finditer(s):
        kind = _LESION_KINDS[m.lastgroup or ""]
        if kind == "stenosis" and (
            _NOT_STENOSIS_BEFORE.search(s[max(0, m.start() - 40) : m.start()])
            or _OF_A_ROOT.match(s, m.end())
            or _OF_DISC_SPACE.match(s, m.end())
        ):
            continue  # "disc space narrowing"; "compromise of the right S1 root" names a root
        if kind in ("osteophyte", "bulge"):
            before = _NARROWS_NOTHING_BEFORE.search(s, max(0, m.start() - 30), m.start())
            if before and (kind == "osteophyte" or before.group(0).startswith(("ant", "ven"))):
                continue  # anterior/lateral spurs and anterior bulges narrow no neural space
            if _NARROWS_NOTHING_AFTER.match(s, m.end()):
                continue  # "a bulge is noted anterolaterally": as far from the canal
        if (
            out
            and kind == "other"
            and out[-1].kind not in ("stenosis", "other")
            and _SAME_LESION_GAP.fullmatch(s, out[-1].end, m.start())
        ):
            last = out[-1]  # "extruded disc fragment", "synovial cyst lesion": one lesion
            out[-1] = _Mention(last.kind, last.start, m.end())
            continue
        if (
            out
            and out[-1].kind == "other"
            and kind not in ("stenosis", "other")
            and m.start() - out[-1].end <= 160
            and _APPOSITION_RE.search(s, out[-1].end, m.start())
        ):
            last = out[-1]  # "a mass ..., likely a sequestered fragment": the kind named
            out[-1] = _Mention(kind, last.start, m.end())
            continue
        if (
            out
            and kind in _DISC_LESIONS
            and out[-1].kind == "bulge"
            and s.startswith("/", out[-1].end)
            and m.start() == out[-1].end + 1
        ):
            last = out[-1]  # "disc bulging/protrusion": one lesion, the specific kind
            out[-1] = _Mention(kind, last.start, m.end())
            continue
        if (
            out
            and kind in _DISC_LESIONS
            and out[-1].kind in _DISC_LESIONS
            and m.start() - out[-1].end <= 40
            and _APPOSITION_RE.search(s, out[-1].end, m.start())
        ):
            last = out[-1]  # "an extrusion, likely a sequestration": one lesion, as stated
            out[-1] = _Mention(last.kind, last.start, m.end())
            continue
        if (
            out
            and kind in _DISC_LESIONS
            and out[-1].kind in _DISC_LESIONS
            and _SAME_LESION_GAP.fullmatch(s, out[-1].end, m.start())
        ):
            last = out[-1]
            keep = last.kind if kind == "herniation" else kind
            out[-1] = _Mention(keep, last.start, m.end())
            continue
        out.append(_Mention(kind, m.start(), m.end()))
    return out


def _clauses(s: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_RE.finditer(s):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(s)))
    return spans


def _clause_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right([a for a, _ in spans], pos) - 1
    for a, b in spans[max(0, i - 1) : i + 2]:
        if a <= pos < b or (pos == b and a == b):
            return a, b
    return spans[-1]


def _sev_of(m: re.Match[str]) -> str:
    if m.group("mm"):
        return "moderate"
    if m.group("ms") or m.group("s"):
        return "severe"
    if m.group("m"):
        return "moderate"
    return "mild"


def _zone_kinds(text: str) -> list[str]:
    out: list[str] = []
    for m in _ZONE_RE.finditer(text):
        for k, _ in _ZONE_ALTS:
            if m.group(f"z_{k}") is not None:
                out.append(k)
                break
    return out


def _sides_in(text: str, attrs: _Attrs) -> None:
    for m in _SIDE_RE.finditer(text):
        if m.group("lean"):
            attrs.sides.append("bilateral")
        elif m.group("bi"):
            attrs.sides.append("bilateral")
        elif m.group("one"):
            attrs.sides.append(m.group("one"))


def _grade_value(tok: str) -> int:
    return _ROMAN.get(tok, int(tok) if tok.isdigit() else 1)


def _pre_attrs(text: str, attrs: _Attrs) -> None:
    """Side, zone, severity, grade and size from the words before a lesion."""
    _sides_in(text, attrs)
    attrs.zones.extend(_zone_kinds(text))
    for m in _SEVERITY_RE.finditer(text):
        attrs.severity = max_severity(attrs.severity, _sev_of(m))
    g = _GRADE_RE.search(text)
    if g:
        attrs.grade = max(_grade_value(g.group("g1")), _grade_value(g.group("g2") or "i"))
    for mm in _MM_RE.finditer(text):
        _note_size(mm, attrs)


def _note_size(m: re.Match[str], attrs: _Attrs) -> None:
    value = float(m.group("n"))
    unit = m.group("u")
    if unit == "%":
        attrs.percent = value
    else:
        attrs.mm = value * (10.0 if unit == "cm" else 1.0)


_P_SKIP = re.compile(
    r"[\s,()\[\]-]+|(?:approximately|about|up to|roughly|measuring|measures|"
    r"of|a|an|the|by|dis[ck]s?|fragments?|material|components?|level|interspace|"
    r"(?:just\s)?(?:below|above|behind|beneath|inferior to|superior to|posterior to|"
    r"caudal to|cranial to|along|adjacent to|alongside|near)|l[1-6]\s(?:vertebral\sbody|vertebra|"
    r"body|pedicle|lamina)|noted|seen|identified|present|demonstrated|visuali[sz]ed|evident|"
    r"(?:migrat\w*|extend\w*|project\w*)(?:\s\w+ly)?|(?:anterior|medial|adjacent)\sto)\b"
)
_P_FACET_SIDE = re.compile(
    r"(?:the\s)?(left|right)\s(?:l[1-5]-?[1-5s1]*\s)?facets?(?:\sjoints?)?\b"
)
_P_COPULA = re.compile(r"(?:(?:which|that)\s)?(?:is|are|was|were)\s")
_P_LEAN = re.compile(
    r"(?:(?:slightly|much|mildly|somewhat)\s)?(?:(?:more|most)\s(?:prominent|pronounced|marked|"
    r"severe)|greater|more|worse|larger|predominantly|"
    r"predominant|most pronounced|most prominent|most marked|eccentric|asymmetric(?:ally)?|"
    r"lateralizing|lateralized|asymmetrically)\s(?:on|to|toward|towards)\s(?:the\s)?"
    r"(left|right)(?:\s(?:side|than (?:the )?(?:left|right)))?\b"
)
_P_SIDE = re.compile(
    r"(?:(?:on|to|toward|towards)\s(?:the\s)?(left|right)(?:\s(?:side))?"
    r"|(left|right)[- ]sided|(bilaterally|on both sides|both sides)"
    r"|(left|right)\s(?:greater|more|worse) than\s(?:left|right)"
    r"|(left|right)(?:\s(?:side|sided))?(?=\s?(?:[.,;)]|$)))\b"
)
_P_LOC = re.compile(
    r"(?:(?:extending|extends|projecting|projects|migrating|migrates|migrated|located|situated|"
    r"seen|centered|centred)\s(?:\w+ly\s)?)?"
    r"(?:in|into|within|to|toward|towards|at|of|involving|affecting|in the region of)\s"
    r"(?:the\s)?(?:(left|right|bilateral|both)\s)?(?=[a-z-]+)"
)
_P_ZONE_ONLY = re.compile(rf"(?:(left|right|bilateral|both)\s)?(?:{_ZONE_BODY})\b")
_P_MORE_ZONE = re.compile(r"\s?(?:,|and|or|/)\s(?:the\s)?(?:(left|right|bilateral|both)\s)?")
_P_LEVEL_PREFIX = re.compile(
    r"(?:(?:most\s(?:pronounced|prominent|marked|severe)|worst|greatest)\s)?"
    r"(?:at|of|involving|from|on|in|across)\s(?:the\s)?(?:level\s(?:of\s)?)?(?:the\s)?"
)
_P_SIDED_LEVEL = re.compile(r"(left|right)(?:[- ]sided)?\s")
_P_LEVEL_TAIL = re.compile(r"\s?(?:levels?|dis[ck](?: spaces?| levels?)?s?|interspaces?)\b")
_P_VERTEBRA = re.compile(
    r"(?:of|at)\s(?:the\s)?(l[1-5])\b(?:\s(?:vertebral body|vertebra|vertebrae))?"
)
_P_SEV_AFTER = re.compile(rf"({_SEV_WORDS})\b(?:\s(?:in\s)?(?:degree|severity|size|extent))?")
_P_SEV_IN = re.compile(rf"({_SEV_WORDS})\s(?:in\s)?(?:degree|severity|size|extent)\b")
_P_GRADE = re.compile(
    r"(?:meyerding\s)?grade\s?(iv|v|i{1,3}|[1-5])\b(?:\s?(?:-|to|/)\s?(iv|v|i{1,3}|[1-5])\b)?"
)
_P_SIZE = re.compile(
    r"(?<![0-9.])([0-9]{1,3}(?:\.[0-9])?)\s?(mm|cm|%)(?:\s?(?:x|by)\s?[0-9]{1,3}(?:\.[0-9])?"
    r"\s?(?:mm|cm)?)*"
)


def _post_attrs(
    s: str, start: int, limit: int, groups: list[_LevelGroup], attrs: _Attrs, kind: str
) -> None:
    """Read locative phrases, levels, grade and severity straight after a lesion."""
    pos = start
    copula = False
    by_start = {g.start: g for g in groups}
    for _ in range(16):
        if pos >= limit:
            break
        if pos in by_start:
            g = by_start[pos]
            attrs.levels = g.levels
            pos = g.end
            t = _P_LEVEL_TAIL.match(s, pos, limit)
            if t:
                pos = t.end()
            continue
        m = _P_LEVEL_PREFIX.match(s, pos, limit)
        if m and m.end() in by_start:
            pos = m.end()
            continue
        m = _P_SIDED_LEVEL.match(s, m.end(), limit) if m else None
        if m and m.end() in by_start:  # "herniation of the right L5-S1 level"
            attrs.sides.append(m.group(1))
            pos = m.end()
            continue
        if kind in ("listhesis", "retrolisthesis"):
            m = _P_VERTEBRA.match(s, pos, limit)
            if m and m.end() not in by_start and not _LEVEL_RE.match(s, m.start(1)):
                attrs.vertebra = m.group(1)
                pos = m.end()
                continue
        m = _P_LEAN.match(s, pos, limit)
        if m:
            attrs.lean = m.group(1)
            pos = m.end()
            continue
        m = _P_SIDE.match(s, pos, limit)
        if m:
            if m.group(3) or m.group(4):
                attrs.sides.append("bilateral")
            else:
                attrs.sides.append(m.group(1) or m.group(2) or m.group(5))
            pos = m.end()
            continue
        m = _P_FACET_SIDE.match(s, pos, limit) if kind == "synovial_cyst" else None
        if m:  # "a cyst anterior to the right facet"
            attrs.sides.append(m.group(1))
            pos = m.end()
            continue
        m = _P_LOC.match(s, pos, limit)
        if m:
            zpos = m.end()
            inner = by_start.get(zpos)  # "into the left L3-4 foramen"
            if inner is not None and s.startswith(" ", inner.end):
                zpos = inner.end + 1
            z = _P_ZONE_ONLY.match(s, zpos, limit)
            if z:
                if inner is not None and zpos != m.end():
                    attrs.levels = inner.levels
                side = m.group(1) or z.group(1)
                if side:
                    attrs.sides.append("bilateral" if side == "both" else side)
                attrs.zones.extend(_zone_kinds(z.group(0)))
                pos = z.end()
                while True:
                    more = _P_MORE_ZONE.match(s, pos, limit)
                    if not more:
                        break
                    z2 = _P_ZONE_ONLY.match(s, more.end(), limit)
                    if not z2:
                        break
                    side2 = more.group(1) or z2.group(1)
                    if side2:
                        attrs.sides.append("bilateral" if side2 == "both" else side2)
                    attrs.zones.extend(_zone_kinds(z2.group(0)))
                    pos = z2.end()
                continue
        m = _P_GRADE.match(s, pos, limit)
        if m:
            attrs.grade = max(_grade_value(m.group(1)), _grade_value(m.group(2) or "i"))
            pos = m.end()
            continue
        m = _P_SIZE.match(s, pos, limit)
        if m:
            value = float(m.group(1))
            if m.group(2) == "%":
                attrs.percent = value
            else:
                attrs.mm = value * (10.0 if m.group(2) == "cm" else 1.0)
            pos = m.end()
            continue
        m = _P_COPULA.match(s, pos, limit)
        if m:
            copula = True
            pos = m.end()
            continue
        m = _P_SEV_IN.match(s, pos, limit) or (
            _P_SEV_AFTER.match(s, pos, limit) if copula else None
        )
        if m:
            sm = _SEVERITY_RE.search(m.group(1))
            if sm:
                attrs.severity = max_severity(attrs.severity, _sev_of(sm))
            pos = m.end()
            continue
        # A bare zone ("protrusion, left paracentral") only when no lesion follows at once.
        m = _P_ZONE_ONLY.match(s, pos, limit)
        if m:
            rest = s[m.end() : limit]
            if limit >= len(s) or rest.strip(" ,.()") or kind == "stenosis":
                if m.group(1):
                    attrs.sides.append("bilateral" if m.group(1) == "both" else m.group(1))
                attrs.zones.extend(_zone_kinds(m.group(0)))
                pos = m.end()
                continue
            break
        m = _P_SKIP.match(s, pos, limit)
        if m and m.end() > pos:
            pos = m.end()
            continue
        break
    attrs.end = max(start, min(pos, limit))
    # Trailing whitespace/punctuation consumed by the loop is not an attribute.
    while attrs.end > start and s[attrs.end - 1] in " ,(-":
        attrs.end -= 1


class _Spans:
    """Where one pattern matches in a sentence, found once, asked many times (bisect):
    every question a lesion asks of its sentence costs O(log n), so a sentence with
    many lesions is read in time linear in its length."""

    def __init__(self, pattern: re.Pattern[str], s: str, keep: Any = None) -> None:
        found = [m for m in pattern.finditer(s) if keep is None or keep(m)]
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def first_in(self, lo: int, hi: int) -> int | None:
        """Index of the first match lying inside ``[lo, hi)``, if any."""
        i = bisect.bisect_left(self.starts, lo)
        if i < len(self.starts) and self.ends[i] <= hi:
            return i
        return None

    def last_in(self, lo: int, hi: int) -> int | None:
        """Index of the last match lying inside ``[lo, hi)``, if any."""
        i = bisect.bisect_right(self.ends, hi) - 1
        if i >= 0 and self.starts[i] >= lo:
            return i
        return None


class _Index:
    """The sentence-wide matches negation needs, each found on first use (see
    :class:`_Spans`), and whether each clause says something narrows or touches."""

    def __init__(self, s: str, mentions: list[_Mention]) -> None:
        self.s = s
        self.mention_starts = [m.start for m in mentions]
        self._spans: dict[str, _Spans] = {}
        self._contact: dict[tuple[int, int], bool] = {}

    def _get(self, name: str, pattern: re.Pattern[str], keep: Any = None) -> _Spans:
        found = self._spans.get(name)
        if found is None:
            found = self._spans[name] = _Spans(pattern, self.s, keep)
        return found

    @property
    def pre(self) -> _Spans:
        s = self.s
        return self._get(
            "pre",
            _PRE_NEG_RE,
            lambda m: not (m.group(0) == "no" and _NO_CHANGE_RE.match(s, m.end())),
        )

    @property
    def stop(self) -> _Spans:
        return self._get("stop", _NEG_STOP_RE)

    @property
    def severity(self) -> _Spans:
        return self._get("severity", _SEVERITY_RE)

    @property
    def level(self) -> _Spans:
        return self._get("level", _LEVEL_RE)

    @property
    def post(self) -> _Spans:
        return self._get("post", _POST_NEG_RE)

    def contact(self, clause: tuple[int, int]) -> bool:
        """Does the clause say something narrows, presses on or touches (not negated:
        "facet arthropathy, no stenosis" says nothing narrows)?"""
        found = self._contact.get(clause)
        if found is None:
            a, _ = clause
            found = self._contact[clause] = any(
                not _NEGATED_BEFORE.search(self.s, max(a, m.start() - 60), m.start())
                for m in _CONTACT_RE.finditer(self.s, *clause)
            )
        return found


def _index(s: str, mentions: list[_Mention]) -> _Index:
    return _Index(s, mentions)


def _negated_pre(
    s: str, clause: tuple[int, int], mention: _Mention, mentions: list[_Mention], ix: _Index
) -> bool:
    a, _ = clause
    c = ix.pre.last_in(a, mention.start)
    if c is None:
        return False
    cue_end = ix.pre.ends[c]
    if ix.stop.first_in(cue_end, mention.start) is not None:
        return False
    k = bisect.bisect_left(ix.mention_starts, cue_end)
    if k < len(mentions) and mentions[k].end <= mention.start:
        first_end = mentions[k].end  # a lesion between the cue and this one
        if ix.severity.first_in(first_end, mention.start) is not None:
            return False
        if (
            ix.level.first_in(first_end, mention.start) is not None
            and s.find(",", first_end, mention.start) >= 0
        ):
            return False
    return True


_MAX_CHAIN = 8
"""At most this many lesions joined by and/or share one trailing negation."""


def _negated_post(
    s: str, clause: tuple[int, int], idx: int, mentions: list[_Mention], ix: _Index
) -> bool:
    """True when ``is not seen``/``are patent``... follows this lesion (or its co-ordinates)."""
    _, b = clause
    mention = mentions[idx]
    c = ix.post.first_in(mention.end, b)
    if c is None:
        return False
    cue_start = ix.post.starts[c]
    # the chain of lesions from this one to the cue must be tightly joined
    j = idx
    while j + 1 < len(mentions) and mentions[j + 1].end <= cue_start:
        gap = s[mentions[j].end : mentions[j + 1].start]
        if (
            j - idx >= _MAX_CHAIN
            or len(gap) > 40
            or _POST_GAP_STOP.search(gap)
            or not _JOIN_RE.search(gap)
        ):
            return False
        j += 1
    gap = s[mentions[j].end : cue_start]
    return len(gap) <= 40 and not _POST_GAP_STOP.search(gap)


_JOIN_RE = re.compile(r"\b(?:or|and|nor)\b|/")


def _listhesis_grade(attrs: _Attrs) -> int | None:
    if attrs.grade is not None:
        return attrs.grade
    if attrs.percent is not None:
        p = attrs.percent
        return 1 if p < 25 else 2 if p < 50 else 3 if p < 75 else 4 if p <= 100 else 5
    if attrs.mm is not None:
        mm = attrs.mm
        return 1 if mm < 10 else 2 if mm < 20 else 3 if mm < 30 else 4
    return None


def _vertebra_level(v: str) -> str:
    n = int(v[1])
    return "L5-S1" if n == 5 else f"L{n}-L{n + 1}"


_Named = tuple[str, str | None, str | None]  # (root, side, relation) named in the text


@dataclass
class _SentenceOut:
    """What one sentence says. It depends only on the sentence, the level in force and
    the sub-label, so it is computed once per distinct sentence (:func:`_read`); what
    it says about the sentence before is in ``to_prev``."""

    drafts: list[_Draft]
    carry: tuple[str, ...] | None
    last: list[_Draft] | None
    """The drafts a root named in the next sentence belongs to (None: the previous ones)."""
    had_level: bool
    negated: list[tuple[str, str]] = field(default_factory=list)
    """``(level, lesion)`` of every negated mention ("No herniation at this level.")."""
    to_prev: list[_Named] = field(default_factory=list)
    """Roots named for the lesion of the sentence before ("The lesion contacts the L5 root.")."""

    def fresh(self, text: str) -> _SentenceOut:
        """A copy whose drafts can be changed, with ``text`` as their sentence."""
        copies = {id(d): replace(d, text=text, named=list(d.named)) for d in self.drafts}
        return _SentenceOut(
            [copies[id(d)] for d in self.drafts],
            self.carry,
            None if self.last is None else [copies[id(d)] for d in self.last],
            self.had_level,
            self.negated,
            self.to_prev,
        )


_MEMO_SIZE = 4096


def _read(
    memo: dict[tuple[str, tuple[str, ...] | None, str | None], _SentenceOut],
    s: str,
    text: str,
    carry: tuple[str, ...] | None,
    label: str | None,
) -> _SentenceOut:
    """:func:`_analyse_sentence`, once per distinct (sentence, level in force, label)."""
    key = (s, carry, label)
    out = memo.get(key)
    if out is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        out = memo[key] = _analyse_sentence(s, carry, label)
    return out.fresh(text)


def _analyse_sentence(s: str, carry: tuple[str, ...] | None, label: str | None) -> _SentenceOut:
    groups = _level_groups(s)
    mentions = _lesion_mentions(s)
    spans = _clauses(s)
    new_carry = carry
    if groups and not _NO_CARRY_RE.search(s):
        new_carry = groups[-1].levels
    text = ""  # set per occurrence by _SentenceOut.fresh
    prev: list[_Draft] = []  # stands for the drafts of the sentence before
    to_prev: list[_Named] = []
    root_mentions = [m for m in _ROOT_RE.finditer(s) if m.group("tail") or m.group("rel")]
    if "root" in s:
        root_mentions += [m for m in _SIDED_ROOT_RE.finditer(s) if m.group("s1") or m.group("s2")]
        root_mentions.sort(key=lambda m: m.start())
    # blank roots out so their sides do not leak into the next lesion's words
    masked = list(s)
    for m in root_mentions:
        for k in range(m.start(), m.end()):
            masked[k] = " "
    for g in groups:
        for k in range(g.start, g.end):
            masked[k] = " "
    ms = "".join(masked)
    isthmic = bool(_ISTHMIC_RE.search(s))
    degenerative = bool(re.search(r"\bdegenerative\b", s))
    pars = _PARS_VERT_RE.search(s)
    multilevel = bool(_MULTILEVEL_RE.search(s))

    drafts: list[_Draft] = []
    by_mention: list[list[_Draft]] = []
    negated_out: list[tuple[str, str]] = []
    ix = _index(s, mentions)
    group_ends = [g.end for g in groups]
    group_starts = [g.start for g in groups]
    mention_ends = [m.end for m in mentions]
    prev_end = 0
    prev_clause: tuple[int, int] | None = None
    for idx, men in enumerate(mentions):
        clause = _clause_at(spans, men.start)
        if prev_clause != clause:
            prev_end = clause[0]
        prev_clause = clause
        nxt = mentions[idx + 1].start if idx + 1 < len(mentions) else len(s)
        limit = min(nxt, clause[1])
        pre_start = max(prev_end, clause[0])
        pre = ms[pre_start : men.start]
        breaks = [b.end() for b in _PRE_BREAK_RE.finditer(pre)]
        if breaks and (pre_start > clause[0] or _LESION_RE.search(pre)):
            pre = pre[breaks[-1] :]  # the words before belong to an earlier lesion
        attrs = _Attrs()
        _pre_attrs(pre, attrs)
        if men.kind == "stenosis" and s.endswith("fat", men.start, men.end):
            attrs.zones.clear()  # "posterolateral components effacing the fat in the foramina"
        _post_attrs(s, men.end, limit, groups, attrs, men.kind)
        prev_end = max(attrs.end, men.end)
        negated = _negated_pre(s, clause, men, mentions, ix) or _negated_post(
            s, clause, idx, mentions, ix
        )
        if (
            men.kind == "other"
            and attrs.levels is None
            and _ANAPHORA_RE.search(s, max(0, men.start - 24), men.start)
        ):
            by_mention.append([] if negated else prev)  # "the lesion": the one just named
            continue
        # levels: own phrase, else the last level group before it, else carry
        levels: tuple[str, ...] | None = attrs.levels
        if levels is None and men.kind in ("listhesis", "retrolisthesis"):
            if attrs.vertebra:
                levels = (_vertebra_level(attrs.vertebra),)
        if levels is None:
            k = bisect.bisect_right(group_ends, men.start)
            if k:
                levels = groups[k - 1].levels
        if levels is None and men.kind in ("listhesis", "retrolisthesis") and pars:
            levels = (_vertebra_level(pars.group(1) or pars.group(2)),)
        k = bisect.bisect_left(group_starts, men.end)
        after = groups[k] if k < len(groups) else None
        if levels is None and after and after.start < clause[1]:
            levels = after.levels  # "bulge and facet hypertrophy at L4-5"
        if levels is None and not multilevel:
            levels = carry
        if levels is None and after:
            levels = after.levels
        made = _make_drafts(men.kind, levels, attrs, text, label, isthmic, degenerative, s, men)
        if negated:
            negated_out.extend((d.level, d.lesion) for d in made)
            by_mention.append([])
            continue
        # a hedge within the lesion's own phrase (its last few words), or just after it
        hedged = bool(_HEDGE_RE.search(" ".join(pre.split()[-_HEDGE_WORDS:]))) or bool(
            _HEDGE_AFTER_RE.match(s, attrs.end)
        )
        contact = ix.contact(clause)
        for d in made:
            d.certainty = "possible" if hedged else "definite"
            d.contact = contact
        drafts.extend(made)
        by_mention.append(made)

    # named roots -> the nearest lesion of the sentence (or the previous sentence's)
    for rm in root_mentions:
        target: list[_Draft] | None = None
        k = bisect.bisect_right(mention_ends, rm.start())
        anchor = clause_start = _clause_at(spans, rm.start())[0]
        if k:
            target = by_mention[k - 1]
            anchor = max(anchor, mentions[k - 1].end)
        elif mentions:
            target = by_mention[0]
        else:
            target = prev
        window = s[max(anchor, rm.start() - 40, clause_start) : rm.start()]
        if re.search(r"\b(?:no|not|without|nor|never)\b", window):
            continue
        side = rm.group("s1") or rm.group("s2")
        s3 = rm.groupdict().get("s3")
        if s3:
            side = "bilateral" if "both" in s3 or s3 == "bilaterally" else s3.split()[-1]
        rel_word = rm.group("rel")
        rel: str | None = None
        if rel_word:
            rel = "exiting" if rel_word.startswith("exi") else "traversing"
        for name in _ROOT_NAME_RE.findall(rm.groupdict().get("roots") or "") or [""]:
            if target is prev:
                to_prev.append((name.upper(), side, rel))
            for d in target or []:
                d.named.append((name.upper(), side, rel))

    _share_sides(drafts)
    kept = _narrowing_only(drafts)
    if len(kept) != len(drafts):
        gone = {id(d) for d in drafts} - {id(d) for d in kept}
        by_mention = [
            made if made is prev else [d for d in made if id(d) not in gone] for made in by_mention
        ]
        drafts = kept
    last: list[_Draft] | None = drafts or None
    if by_mention and by_mention[-1]:
        last = by_mention[-1]
    elif by_mention and by_mention[-1] is prev:
        last = None
    return _SentenceOut(drafts, new_carry, last, bool(groups), negated_out, to_prev)


_SIDE_GIVERS = frozenset({*_DISC_LESIONS, "synovial_cyst", "other"})
_SIDE_TAKERS = frozenset({"lateral_recess_stenosis", "foraminal_stenosis"})


def _share_sides(drafts: list[_Draft]) -> None:
    """One side for one sentence's lesion and the space it narrows (issue #16.5).

    At one level of one sentence, a recess or foramen narrowing with no side of its own
    takes the side of the disc lesion or cyst named with it ("protrusion greater to the
    right with lateral recess narrowing"), and a cyst or lesion with no side takes the side
    of the recess or foramen it narrows ("a cyst ... encroaching the right lateral recess")
    -- only when that side is the one side stated there. "L4-5" and "L4 to L5" alike.
    """
    for d in drafts:
        if d.side_explicit or not d.level:
            continue
        pool = _SIDE_GIVERS if d.lesion in _SIDE_TAKERS else _SIDE_TAKERS
        placed_bulge = d.lesion == "bulge" and d.zone_explicit and d.zone != "central"
        if d.lesion not in _SIDE_GIVERS and d.lesion not in _SIDE_TAKERS and not placed_bulge:
            continue  # a bulge takes a side only when placed ("a foraminal bulge")
        sides = {
            o.side
            for o in drafts
            if o is not d and o.level == d.level and o.lesion in pool and o.side_explicit
        }
        if len(sides) != 1 or (side := sides.pop()) not in ("left", "right"):
            continue
        d.side, d.side_explicit = side, True
        if d.zone == "central" and not d.zone_explicit:
            d.zone = "paracentral"
            d.zones = ("paracentral",)


def _narrowing_only(drafts: list[_Draft]) -> list[_Draft]:
    """Drop what does not narrow a neural space (issue #16.4).

    * A lesion named only in general words ("lesion", "mass", "cyst") is a finding only
      when the sentence names the root it compresses or contacts (contract 7.3 ``other``).
    * Spurs and facet or ligament changes are findings only when their clause says they
      narrow or touch something (or a root is named), and not when the sentence already
      reports the narrowing itself at that level (the stenosis is the finding; a side the
      spur states passes to a stenosis that states none).
    """
    stenoses = [d for d in drafts if d.lesion.endswith("_stenosis")]
    out: list[_Draft] = []
    for d in drafts:
        if d.lesion == "other" and not d.named:
            continue
        if d.lesion == "osteophyte":
            if not (d.named or d.contact):
                continue
            same = [t for t in stenoses if t.level == d.level]
            if same:
                for t in same:
                    if not t.side_explicit and d.side_explicit and t.zone != "central":
                        t.side, t.side_explicit = d.side, True
                continue
        out.append(d)
    return out


def _make_drafts(
    kind: str,
    levels: tuple[str, ...] | None,
    attrs: _Attrs,
    text: str,
    label: str | None,
    isthmic: bool,
    degenerative: bool,
    s: str,
    men: _Mention,
) -> list[_Draft]:
    sides = list(dict.fromkeys(attrs.sides))
    side: str | None
    if not sides:
        side = None
    elif len(sides) == 1:
        side = sides[0]
    else:
        side = "bilateral"
    zones = list(dict.fromkeys(attrs.zones))
    severity = attrs.severity
    out: list[tuple[str, str, str, bool, bool, tuple[str, ...]]] = []
    grade: int | None = None
    ltype: str | None = None

    if kind == "stenosis":
        types: list[str] = []
        for z in zones:
            t = {
                "canal": "canal_stenosis",
                "central": "canal_stenosis",
                "lateral_recess": "lateral_recess_stenosis",
                "paracentral": "lateral_recess_stenosis",
                "foraminal": "foraminal_stenosis",
                "extraforaminal": "foraminal_stenosis",
            }[z]
            if t not in types:
                types.append(t)
        if not types:
            if label in ("canal", "foraminal", "lateral_recess"):
                types = [
                    {
                        "canal": "canal_stenosis",
                        "foraminal": "foraminal_stenosis",
                        "lateral_recess": "lateral_recess_stenosis",
                    }[label]
                ]
            elif side in ("left", "right") or (
                side == "bilateral" and attrs.lean is None and "bilateral" in sides
            ):
                types = ["foraminal_stenosis"]
            else:
                types = ["canal_stenosis"]
        for t in types:
            if t == "canal_stenosis":
                out.append((t, "bilateral", "central", True, True, ("central",)))
            elif t == "lateral_recess_stenosis":
                out.append(
                    (
                        t,
                        side or "bilateral",
                        "paracentral",
                        side is not None,
                        True,
                        ("paracentral",),
                    )
                )
            else:
                z = (
                    "extraforaminal"
                    if "extraforaminal" in zones and "foraminal" not in zones
                    else "foraminal"
                )
                out.append((t, side or "bilateral", z, side is not None, True, (z,)))
    elif kind in ("listhesis", "retrolisthesis"):
        grade = _listhesis_grade(attrs)
        if kind == "retrolisthesis":
            ltype = "retrolisthesis"
        elif isthmic:
            ltype = "isthmic"
        elif degenerative:
            ltype = "degenerative"
        if severity == "unspecified" and grade is not None:
            severity = "mild" if grade == 1 else "moderate" if grade == 2 else "severe"
        z = "foraminal" if ltype == "isthmic" else "central"
        out.append(("spondylolisthesis", "bilateral", z, True, True, (z,)))
    else:
        lesion = {
            "osteophyte_disc": "osteophyte",
            "osteophyte_lf": "osteophyte",
            "osteophyte_facet": "osteophyte",
        }.get(kind, kind)
        if label == "facet" and kind == "osteophyte":
            kind = "osteophyte_facet"
        if "canal" in zones and (
            side in ("left", "right") or any(z not in ("canal", "central") for z in zones)
        ):
            # "a fragment in the left posterolateral spinal canal", "a right-sided bulge
            # indenting the thecal sac": the canal is where it lies, not a central zone
            zones = [z for z in zones if z != "canal"]
        dzones: list[str] = []
        for z in zones:
            dz = {
                "canal": "central",
                "central": "central",
                "lateral_recess": "paracentral",
                "paracentral": "paracentral",
                "foraminal": "foraminal",
                "extraforaminal": "extraforaminal",
            }[z]
            if dz not in dzones:
                dzones.append(dz)
        # "compresses the thecal sac" says where it presses, not which zone it lies in
        zone_explicit = any(z != "canal" for z in zones)
        side_explicit = side is not None
        if attrs.lean and (not dzones or dzones == ["central"]):
            if side in (None, attrs.lean):
                side = attrs.lean
                side_explicit = True
                dzones = ["paracentral"]
                zone_explicit = True
        if attrs.lean and side is None:
            side = attrs.lean
            side_explicit = True
        specific = [z for z in dzones if z != "central"]
        if specific:
            zone = specific[0]
            if side == "bilateral" and "central" in dzones:
                side = "bilateral"
        elif dzones:
            zone = "central"
            if side in ("left", "right") and lesion != "bulge":
                zone = "paracentral"
        else:
            if kind == "osteophyte_facet":
                zone = "paracentral"
            elif lesion == "bulge" or kind in ("osteophyte_disc", "osteophyte_lf"):
                zone = "paracentral" if side in ("left", "right") else "central"
            else:
                zone = "paracentral" if side in ("left", "right") else "central"
        if side is None:
            side = "bilateral"
        if zone == "central":
            side = "bilateral"
        out.append((lesion, side, zone, side_explicit, zone_explicit, tuple(dzones) or (zone,)))

    drafts: list[_Draft] = []
    for lv in levels or (None,):
        for lesion, side_, zone_, se, ze, zs in out:
            drafts.append(
                _Draft(
                    level=lv or "",
                    side=side_,
                    zone=zone_,
                    lesion=lesion,
                    severity=severity,
                    text=text,
                    side_explicit=se,
                    zone_explicit=ze,
                    zones=zs,
                    grade=grade if lesion == "spondylolisthesis" else None,
                    listhesis_type=ltype if lesion == "spondylolisthesis" else None,
                )
            )
    return drafts


@lru_cache(maxsize=64)
def _reachable(level: str, zone: str) -> dict[str, str]:
    """Root -> relation for every root a lesion at ``level`` can reach by the level rule
    (the traversing and exiting roots; a central lesion also the cauda equina below)."""
    out: dict[str, str] = {}
    for z in ZONES:
        for r in roots_at_level(level, z, "left", cauda=zone == "central"):
            out.setdefault(r.root, r.relation)
    return out


def _finish(d: _Draft) -> _Draft | None:
    """Apply named roots (side/level inference and reconciliation) and the root rule."""
    named = d.named
    adjustable = d.lesion not in ("canal_stenosis", "spondylolisthesis")
    if d.level == "" and named:
        # "compressing the traversing left S1 root": the root tells the level
        for name, _, rel in named:
            if not name:
                continue
            r = rel or ("exiting" if d.zone in ("foraminal", "extraforaminal") else "traversing")
            lv = level_of_root(name, r)
            if lv in LEVELS:
                d.level = lv
                break
    if d.level not in LEVELS:
        return None
    reach = _reachable(d.level, d.zone)
    if any(not n for n, _, _ in named):  # "the left nerve root": the root of the zone's rule
        exiting, traversing = level_pair(d.level)
        foraminal = d.zone in ("foraminal", "extraforaminal")

        def which(rel: str | None) -> str:
            return exiting if rel == "exiting" or (rel is None and foraminal) else traversing

        named = [(n or which(rel), sd, rel) for n, sd, rel in named]
    fitting = [(n, sd, reach[n]) for n, sd, _ in named if n in reach]
    if adjustable and not d.side_explicit:
        sided = {sd for _, sd, _ in fitting if sd in ("left", "right")}
        if len(sided) == 1:
            d.side = sided.pop()
            d.side_explicit = True
            if not d.zone_explicit or d.zone == "central":
                rel = next(r for _, sd, r in fitting if sd == d.side)
                d.zone = "foraminal" if rel == "exiting" else "paracentral"
                d.zones = (d.zone,)
                d.zone_explicit = True
    if not d.zone_explicit and d.lesion in _DISC_LESIONS and fitting:
        # "L4-5 herniation that effaces the exiting L4 root": the named space is the zone
        if all(r == "exiting" for _, _, r in fitting):
            d.zone, d.zones, d.zone_explicit = "foraminal", ("foraminal",), True
    if d.lesion.endswith("_stenosis") and d.lesion != "canal_stenosis":
        # a narrowed recess or foramen holds only its own root (the traversing root in the
        # recess, the exiting root in the foramen): a root named for the disc is not its
        space = "exiting" if d.zone in ("foraminal", "extraforaminal") else "traversing"
        fitting = [f for f in fitting if f[2] == space]
    roots: list[ImagingRoot] = []
    for z in dict.fromkeys((*(d.zones or ()), d.zone)):
        roots.extend(roots_at_level(d.level, z, d.side))
    for name, sd, relation in fitting:  # a named root the level cannot reach is ignored
        if sd in ("left", "right"):
            nsides: tuple[str, ...] = (sd,)
        elif sd == "bilateral" or d.side == "bilateral":
            nsides = vocab.SIDES
        else:
            nsides = (d.side,)
        roots.extend(ImagingRoot(name, x, relation) for x in nsides)
    d.roots = order_roots(roots)
    return d


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    keyed: dict[tuple[str, str, str, str], _Draft] = {}
    order: list[tuple[str, str, str, str]] = []

    def absorb(into: _Draft, d: _Draft) -> None:
        into.severity = max_severity(into.severity, d.severity)
        if len(d.text) > len(into.text):
            into.text = d.text
        into.roots = order_roots((*into.roots, *d.roots))
        into.grade = into.grade if into.grade is not None else d.grade
        if into.grade is not None and d.grade is not None:
            into.grade = max(into.grade, d.grade)
        into.listhesis_type = into.listhesis_type or d.listhesis_type
        if d.certainty == "definite":
            into.certainty = "definite"  # stated plainly once: no longer a hedge

    for d in drafts:
        key = (d.level, d.side, d.zone, d.lesion)
        if key in keyed:
            absorb(keyed[key], d)
            continue
        keyed[key] = d
        order.append(key)
    # defaulted side/zone merge into an explicit finding of the same level and lesion
    result: list[_Draft] = [keyed[k] for k in order]
    final: list[_Draft] = []
    for d in result:
        if not d.side_explicit or not d.zone_explicit:
            host = next(
                (
                    o
                    for o in result
                    if o is not d
                    and o.level == d.level
                    and o.lesion == d.lesion
                    and o.side_explicit
                    and (o.zone_explicit or not (d.zone_explicit or d.side_explicit))
                    and (d.side_explicit is False or o.side == d.side)
                    and (d.zone_explicit is False or o.zone == d.zone)
                ),
                None,
            )
            if host is not None:
                if host.side in ("left", "right") and not d.side_explicit:
                    # an unsided mention of a sided lesion brings no other side's roots
                    d.roots = tuple(r for r in d.roots if r.side == host.side)
                absorb(host, d)
                continue
        final.append(d)
    # a plain "herniation" yields to a protrusion/extrusion/sequestration there
    out: list[_Draft] = []
    for d in final:
        if d.lesion == "herniation" and any(
            o.level == d.level
            and o.lesion in _SPECIFIC_HERNIATIONS
            and (o.side == d.side or d.side == "bilateral")
            for o in final
        ):
            continue
        out.append(d)
    out.sort(key=lambda d: (LEVELS.index(d.level), d.order))
    return out


def _split_long(start: int, end: int) -> Iterable[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        yield start, start + MAX_SENTENCE_CHARS
        start += MAX_SENTENCE_CHARS
    yield start, end


def parse_report(text: str) -> ImagingReport:
    """Read a lumbar MRI report (or one sentence of it) into the imaging document.

    Never raises on any string; reads at most :data:`MAX_INPUT_CHARS` characters.
    """
    if not isinstance(text, str) or not text.strip():
        return ImagingReport()
    orig = text.replace("\r\n", "\n").replace("\r", "\n")
    low = _lower_same_length(orig.translate(_DASHES))
    drafts: list[_Draft] = []
    carry: tuple[str, ...] | None = None
    prev: list[_Draft] = []
    last_drafts: list[_Draft] = []  # the drafts of the sentence before
    memo: dict[tuple[str, tuple[str, ...] | None, str | None], _SentenceOut] = {}
    skipping = False
    bare_heading = False
    counter = 0
    pos = 0
    for raw_line in low.split("\n"):
        line_start = pos
        pos += len(raw_line) + 1
        content_start = line_start
        line = raw_line
        stripped = line.strip()
        if not stripped:
            if not bare_heading:
                carry = None
                prev = []
                last_drafts = []
            continue
        lead = len(line) - len(line.lstrip())
        content_start += lead
        line = line[lead:]
        bare = stripped.rstrip(":").strip()
        if bare in _SKIP_SECTIONS or bare in _KEEP_SECTIONS:
            skipping = bare in _SKIP_SECTIONS
            carry, prev, bare_heading = None, [], False
            continue
        hm = _HEADER_RE.match(line)
        label: str | None = None
        if hm:
            name = hm.group(1).strip()
            if name in _SKIP_SECTIONS or name in _KEEP_SECTIONS:
                skipping = name in _SKIP_SECTIONS
                carry, prev = None, []
                content_start += hm.end()
                line = line[hm.end() :]
        if skipping:
            continue
        im = _ITEM_RE.match(line)
        if im:
            carry, prev, last_drafts = None, [], []
            content_start += im.end()
            line = line[im.end() :]
        lm = _HEADER_RE.match(line)
        if lm and lm.group(1).strip() in _LABELS:
            label = _LABELS[lm.group(1).strip()]
            content_start += lm.end()
            line = line[lm.end() :]
        # sentences of this line
        sent_spans: list[tuple[int, int]] = []
        a = 0
        for m in _SENT_END_RE.finditer(line):
            sent_spans.extend(_split_long(a, m.end()))
            a = m.end()
        if a < len(line):
            sent_spans.extend(_split_long(a, len(line)))
        line_had_lesion_or_text = False
        only_level = False
        for sa, sb in sent_spans:
            piece = line[sa:sb]
            if not piece.strip():
                continue
            line_had_lesion_or_text = True
            only_level = False
            s = _prepare(piece, label)
            if not s:
                continue  # nothing a finding, a level or a root could be made of
            otext = _WS.sub(" ", orig[content_start + sa : content_start + sb]).strip()
            otext = otext[:MAX_TEXT_CHARS]
            out = _read(memo, s, otext, carry, label)
            for named in out.to_prev:
                for d in prev:
                    d.named.append(named)
            for d in out.drafts:
                counter += 1
                d.order = counter
            drafts.extend(out.drafts)
            carry = out.carry
            if out.negated:
                _cancel(last_drafts, out.negated, carry)
            if last_drafts and _PRONOUN_RE.match(s):
                _side_from_next(last_drafts, out.drafts)
            if out.drafts and out.last is not None:
                prev = out.last
            last_drafts = out.drafts
            only_level = (
                out.had_level
                and not _LESION_RE.search(s)
                and len(_LEVEL_RE.sub("", s).strip(" :.-,")) == 0
            )
        bare_heading = line_had_lesion_or_text and only_level
    finished = [f for f in (_finish(d) for d in drafts if not d.cancelled) if f is not None]
    merged = _merge(finished)
    return ImagingReport(
        notes=_notes(low),
        findings=tuple(
            ImagingFinding(
                level=d.level,
                side=d.side,
                zone=d.zone,
                lesion=d.lesion,
                severity=d.severity,
                roots=d.roots,
                text=d.text,
                grade=d.grade,
                listhesis_type=d.listhesis_type,
                certainty=d.certainty,
            )
            for d in merged
        ),
    )


_TRANSITIONAL_RE = re.compile(
    r"\b(?:transitional|lumbari[sz](?:ed|ation)|sacrali[sz](?:ed|ation)|"
    r"(?:six|6) lumbar|(?:four|4) lumbar|l6\b|l5\s?[-/]\s?l?6\b|l6\s?[-/]\s?s1)"
)
_TRANSITIONAL_NEG_RE = re.compile(r"\b(?:no|without|not|negative for)\b[^.;]{0,30}$")


def report_notes(text: str) -> tuple[str, ...]:
    """The notes :func:`parse_report` puts on the document of ``text`` (transitional
    anatomy), without reading the findings: for views that show them beside the report."""
    if not isinstance(text, str):
        return ()
    return _notes(_lower_same_length(text.translate(_DASHES)))


def _notes(low: str) -> tuple[str, ...]:
    return (TRANSITIONAL_NOTE,) if _transitional(low) else ()


def _transitional(low: str) -> bool:
    """True when the report describes transitional anatomy (a negated mention is not)."""
    for m in _TRANSITIONAL_RE.finditer(low):
        if not _TRANSITIONAL_NEG_RE.search(low, max(0, m.start() - 40), m.start()):
            return True
    return False


_FAMILY = {
    "protrusion": "disc",
    "extrusion": "disc",
    "sequestration": "disc",
    "herniation": "disc",
}


def _cancel(
    drafts: list[_Draft], negated: list[tuple[str, str]], levels: tuple[str, ...] | None
) -> None:
    """A negation in the next sentence about the same level cancels ("Small protrusion at
    L4-5. On review no herniation is seen."): same level (or the level in force), same
    lesion or the same family (any disc herniation)."""
    for level, lesion in negated:
        at = (level,) if level else (levels or ())
        fam = _FAMILY.get(lesion, lesion)
        for d in drafts:
            if d.level in at and _FAMILY.get(d.lesion, d.lesion) == fam:
                d.cancelled = True


_PRONOUN_RE = re.compile(r"(?:it|this|which|they|these|the (?:lesion|protrusion|extrusion))\b")


def _side_from_next(before: list[_Draft], now: list[_Draft]) -> None:
    """ "There is a disc protrusion. It narrows the lateral recess on the right.": a side
    stated in the next sentence about the same lesion (it/this/which...) is its side."""
    sides = {d.side for d in now if d.side_explicit and d.side in ("left", "right")}
    if len(sides) != 1:
        return
    side = sides.pop()
    levels = {d.level for d in now}
    for d in before:
        if d.side_explicit or d.lesion in ("canal_stenosis", "spondylolisthesis"):
            continue
        if d.level in levels or not d.level:
            d.side, d.side_explicit = side, True
            if not d.zone_explicit:
                d.zone, d.zones = "paracentral", ("paracentral",)


_INTEREST_RE = re.compile(
    r"bulg|protru|extru|seques|hernia|hnp|cyst|osteophy|spur|facet|flav|listhes|slip|"
    r"forward|backward|anterior|posterior|stenos|stenot|narrow|encroach|compromis|lesion|"
    r"mass|fragment|nodul|collection|structure|tissue|[ls] ?[0-9]|lumbosacral|root|nerve"
)
_CONFUSIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # S1 typed as SI or Sl, L5 as LS ("L5-SI", "LS-S1", "the Sl root")
    (re.compile(r"(?<![a-z0-9])(l[1-6] ?[-/] ?)s[il](?![a-z0-9])"), r"\g<1>s1"),
    (re.compile(r"(?<![a-z0-9])ls(?= ?[-/] ?s[1il](?![a-z0-9]))"), "l5"),
    (re.compile(r"(?<![a-z0-9])s[il](?= (?:nerve|root|roots|nerves)\b)"), "s1"),
    # plain-language slips: "L3 sits forward of L4", "L4 is displaced anteriorly on L5"
    (
        re.compile(
            r"\b(l[1-6])(?: vertebral body| vertebra)? (?:is |sits |lies |appears |has )?"
            r"(?:\w+ly )?(?:slipped |displaced |translated |subluxed |positioned |shifted )?"
            r"(?:\w+ly )?(?:(forward|anteriorly|ahead)|backwards?|posteriorly)"
            r"(?: \w+){0,2}? (?:of|on|over|upon|relative to|with respect to) (?:the )?(l[1-6]|s1)\b"
        ),
        r"\1 on \3 listhesis<\2>",
    ),
)
_HEDGES: tuple[tuple[re.Pattern[str], str], ...] = (
    # hedges that contain a negation word: "cannot be excluded" is a possibility
    (
        re.compile(
            r"\b(?:cannot|can ?not|can't|could not)(?: be)?(?: entirely| completely| definitely)?"
            r" (?:excluded|ruled out)\b"
        ),
        "is possible",
    ),
    (
        re.compile(
            r"\b(?:cannot|can ?not|can't|could not)(?: entirely| completely)?"
            r" (?:exclude|rule out)\b"
        ),
        "possible",
    ),
    (re.compile(r"\bnot (?:entirely |completely )?excluded\b"), "possible"),
)
_ABBREVIATIONS = {
    "lt": "left",
    "rt": "right",
    "b/l": "bilateral",
    "bilat": "bilateral",
    "nf": "neural foraminal",
    "ccs": "central canal stenosis",
}
"""Short forms of clinical notes, as whole words ("lt paracentral HNP", "b/l NF narrowing")."""
_ABBREVIATION_RE = re.compile(r"(?<![a-z0-9/])(?:lt|rt|b/l|bilat|nf|ccs)(?![a-z0-9/])")
_SLIP_MARK_RE = re.compile(r"listhesis<([a-z]*)>")


def _prepare(piece: str, label: str | None) -> str:
    """The sentence as the reader reads it: spaces collapsed, misspelt vocabulary words
    corrected, letter-for-digit slips and plain-language slips rewritten. Empty when
    nothing in it could make a finding, a level or a root (the common case for filler)."""
    s = _WS.sub(" ", piece).strip()
    if "not" in s or "n't" in s:
        for pat, rep in _HEDGES:
            s = pat.sub(rep, s)
    s = correct(s)
    if not _INTEREST_RE.search(s):
        return ""
    for pat, rep in _CONFUSIONS:
        s = pat.sub(rep, s)
    if _ABBREVIATION_RE.search(s):
        s = _ABBREVIATION_RE.sub(lambda m: _ABBREVIATIONS[m.group(0)], s)
    if "listhesis<" in s:
        s = _SLIP_MARK_RE.sub(lambda m: "anterolisthesis" if m.group(1) else "retrolisthesis", s)
    if " and of the " in s:  # "narrowing of the left foramen at L4-5 and of the right ..."
        s = _ELIDED_RE.sub(r"\1 of the \2 and \1 of the ", s)
    for (pat, rep), needle in zip(_REWRITES, _REWRITE_NEEDLES, strict=True):
        if needle in s:
            s = pat.sub(rep, s)
    if label == "facet" and "facet" not in s:
        s = _FACET_WORD_RE.sub(r"facet \1", s)
    return s
