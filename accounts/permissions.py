"""Capabilities of accounts (portal/capabilities.py)."""

from portal.capabilities import Capability

MANAGE_ACCOUNTS = Capability(
    "manage_accounts",
    "Personen einladen, Einladungen verwalten und Konten deaktivieren",
    "accounts.manage_accounts",
)
READ_ACCOUNT_LOG = Capability(
    "read_account_log", "Das Protokoll der Konten lesen", "accounts.view_kontoereignis"
)
