"""Reasoning (pure, no Qt): findings -> result, one module per question, and its wording."""
