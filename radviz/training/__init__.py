"""Training (pure, no Qt): demo and generated cases, scoring, progress."""
