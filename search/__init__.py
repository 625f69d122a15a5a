"""Search: one German-aware, permission-aware search over everything a user may see.

Owns the German text analysis (normalisation, stemming, compound splitting, spelling
suggestions), the index of all content, the permission filter applied inside every query, the
results page and the search API. Other apps never import search internals; they register
their content through its small public API.
"""
