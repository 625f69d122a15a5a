"""Helpers of bench/pages.py: the hello-world baseline and the Django-side steps (content
generator, page addresses, SQL query counts). A package, so `make bench` (bench/*.py) does not
run its modules as benchmarks."""
