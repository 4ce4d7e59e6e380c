"""Reading-grade estimate for patient texts (model layer, no Qt).

Flesch-Kincaid grade level (Kincaid et al. 1975, Naval Technical Training Command
Research Branch Report 8-75): 0.39 * words/sentences + 11.8 * syllables/words - 15.59.
Syllables are counted with a vowel-group heuristic, which is what most readability
tools do; it is an estimate, not a verdict.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Estimate the syllables of one English word (at least 1)."""
    w = word.lower().strip("'’")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text`` (0.0 for empty text)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syl / len(words) - 15.59
