"""Models of the cycle app."""
