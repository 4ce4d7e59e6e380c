"""Knowledge (pure, no Qt): the TOML knowledge base (data with sources), its loader and schema."""
