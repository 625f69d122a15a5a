"""The project's own apps and where their source lies, for the tests that read the source
(one mechanism per concern: mail, spreadsheets, status transitions, template comments)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "accounts",
    "cycle",
    "forms",
    "home",
    "knowledge",
    "portal",
    "reporting",
    "search",
    "spaces",
    "verteilung",
)
