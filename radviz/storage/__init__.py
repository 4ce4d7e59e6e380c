"""Storage (pure, no Qt): the session file format and crash recovery."""
