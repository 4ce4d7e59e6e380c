"""Anatomy (pure, no Qt).

Vocabulary, zones, levels, the one level/zone -> roots rule, geometry and drawing.
"""
