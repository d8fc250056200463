"""To be built (grants II)."""
