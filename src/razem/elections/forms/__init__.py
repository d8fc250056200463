"""Forms of elections: the office's (staff) and the public ones."""
