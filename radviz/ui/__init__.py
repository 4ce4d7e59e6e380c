"""Qt widgets of radviz: body map, spine view, panels and their shared styles."""
