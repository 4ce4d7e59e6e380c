"""Handout (Qt): the printable patient and clinician handouts."""
