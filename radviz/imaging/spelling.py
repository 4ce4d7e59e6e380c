"""Spelling-tolerant reading of MRI report words (pure, no Qt).

Radiology reports are dictated and typed fast: "herniaton", "extention", "stenossis",
"foramenal". :func:`correct` maps each such word to the one word of a small closed
vocabulary (:data:`VOCABULARY`: the lesion, zone, direction and contact words the
parser reads) within a bounded edit distance, and leaves every other word alone. It
never guesses over free words:

* only words of at least :data:`MIN_LENGTH` letters are considered, and a word that
  is itself in the vocabulary or in :data:`KEEP` (ordinary words one edit away from a
  vocabulary word, such as "protection" or "sterile") is kept;
* distance 1 (one letter inserted, deleted, replaced, or two neighbours swapped) for
  words of 5 to 7 letters, distance 2 from 8 letters on;
* a correction must keep the first letter (typists rarely miss it) and be unique: two
  vocabulary words equally close leave the word alone.

Lookups use a deletion index (every vocabulary word with up to two letters removed), so
a word costs a few dozen dictionary lookups whatever the vocabulary size, and results
are cached per distinct word with a bounded cache.
"""

from __future__ import annotations

import re
from functools import lru_cache

VOCABULARY: frozenset[str] = frozenset(
    """
    herniation herniated herniations protrusion protrusions protruding extrusion extruded
    extrusions sequestration sequestered fragment fragments migrated migration bulge
    bulging bulges stenosis stenotic narrowing narrowed encroachment encroaching
    compromise spondylolisthesis anterolisthesis retrolisthesis listhesis spondylolysis
    osteophyte osteophytes osteophytic hypertrophy hypertrophic arthropathy ligamentum
    flavum synovial foraminal foramina foramen neuroforaminal neuroforamen
    neuroforamina extraforaminal paracentral subarticular posterolateral central
    recess recesses lateral bilateral bilaterally left right midline thecal canal
    compressing compression compressed compresses contacting contacts contacted
    abutting abuts displacing displaced displaces impinging impingement impinges
    effacement effacing effaces indenting indents deforming deformity traversing
    exiting descending extension extending extends posterior anterior anteriorly
    posteriorly moderate moderately severe severely marked markedly minimal mild
    mildly significant questionable possible possibly suspected suspicious
    spondylolytic isthmic degenerative sacralized sacralization lumbarized
    lumbarization transitional vertebra vertebrae vertebral lumbosacral degeneration
    degenerated desiccation desiccated dehydration arthrosis arthritis osteoarthritis
    hypertrophied thickening thickened buckling infolding fissure fissures annular
    endplate endplates signal intensity oedema marrow medullaris cauda equina roots
    nerve nerves sacral lumbar thoracic spinal dural epidural effusion effusions
    perineural perineurial
    facet facets joint joints interspace contributes contributing resulting causing producing
    slightly component components broad based focal diffuse circumferential prolapse
    prolapsed migrating migrates migrate projecting projects located situated centered
    centred extend lateralized lateralised lateralizing eccentric
    """.split()
)

KEEP: frozenset[str] = frozenset(
    """
    protection protecting central centre center centers centres recent recently
    extent extents intention attention retention detention mention mentioned tension
    sterile stenting suspended suspect inferior superior interior exterior posture
    possibly possible impinge narrow narrows narrower compressive contact contacted
    contrast contour contours lateral literal literally general generally several
    mildly modestly marker markers market severity seventh seven levels level lesion
    lesions median medial medially mediate migrate migrates bulged bulky neural
    normal normally formal formally extended extend extends portion portions
    proportion motion motions notion notions section sections location locations
    elevation relation relations station rotation fixation fixations effusion
    effusions diffusion perfusion fusion fusions lordosis kyphosis scoliosis
    sclerosis stenoses traversed exited existing existence spared sparing
    preserved unremarkable vertebroplasty exclude excluded excludes excluding exclusion
    included including intruded extensive extended exciting editing edited traditional
    faces angular contracting contracted contraction contract contracts intending
    intended displaying displayed displays effecting effective masked building
    intent intents respected dedicated formula reforming
    """.split()
)

MIN_LENGTH = 5
_MAX_LENGTH = max(len(w) for w in VOCABULARY) + 2
_WORD_RE = re.compile(rf"(?<![a-z])[a-z]{{{MIN_LENGTH},{_MAX_LENGTH}}}(?![a-z])")


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt: set[str] = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        out |= nxt
        frontier = nxt
    return out


@lru_cache(maxsize=32)  # one per first letter
def _index(initial: str) -> dict[str, frozenset[str]]:
    """Deletes index of the vocabulary words starting with ``initial`` (a correction
    keeps the first letter, so each letter's index is built when first needed: the
    whole one cost ~10 ms of opening a case with a report)."""
    index: dict[str, set[str]] = {}
    for word in VOCABULARY:
        if word[0] == initial:
            for d in _deletes(word, 2):
                index.setdefault(d, set()).add(word)
    return {k: frozenset(v) for k, v in index.items()}


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count 1), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=8192)
def correct_word(word: str) -> str:
    """The vocabulary word ``word`` is a misspelling of, or ``word`` itself."""
    if len(word) < MIN_LENGTH or word in VOCABULARY or word in KEEP:
        return word
    limit = 1 if len(word) < 8 else 2
    index = _index(word[0])
    candidates: set[str] = set()
    for d in _deletes(word, limit):
        candidates |= index.get(d, frozenset())
    best: list[str] = []
    best_d = limit + 1
    for cand in candidates:
        if cand[0] != word[0]:
            continue
        dist = _distance(word, cand, limit)
        if dist < best_d:
            best, best_d = [cand], dist
        elif dist == best_d:
            best.append(cand)
    return best[0] if len(best) == 1 else word


def correct(text: str) -> str:
    """``text`` (lower case) with every misspelt vocabulary word corrected."""
    return _WORD_RE.sub(lambda m: correct_word(m.group(0)), text)
