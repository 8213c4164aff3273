"""lexicons stage."""
