"""Who may do what in the formal check of offers (grants II)."""
