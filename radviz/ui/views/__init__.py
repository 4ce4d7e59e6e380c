"""Views (Qt): the body map, the spine diagram and their shared region items."""
