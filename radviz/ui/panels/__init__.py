"""Panels (Qt): findings, imaging, results and the red-flag banner."""
