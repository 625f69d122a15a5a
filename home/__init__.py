"""Home: the portal's entry page and its site-wide pages.

Owns the home page (greeting by role, what is new for the user), the public legal pages
(Impressum, Erklärung zur Barrierefreiheit, Datenschutzerklärung), the navigation and footer
shown on every page, and ``manage.py load_demo``. May depend on every other app; none depends on it.
"""
