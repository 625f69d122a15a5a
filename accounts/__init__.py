"""Accounts: who someone is in the portal and what they may do.

Owns the four roles (Django groups created by migration, see roles.py), the user profile
(organisation, Kommune, function), per-user API tokens stored hashed (tokens.py, api_auth.py),
and the login, logout and password views. Depends on knowledge/ for Kommune and Organisation.
"""
