"""Who may do what with the decision, the results, the questions and the update (grants II)."""
