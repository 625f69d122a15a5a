"""Who works with the Verteilungsschlüssel (capabilities, portal/capabilities.py).

- ``MANAGE``: the KIM-Koordination enters figures, builds keys and scenarios, puts a key into
  force with a Beschluss and edits the Zuständigkeiten.
- ``READ``: the Integrationsbeauftragte (and the coordination) read the adopted keys, their
  history and the figures of their own Kommune. Drafts and scenarios stay internal.
"""

from django.contrib.auth.models import AnonymousUser, User

from portal.capabilities import Capability

MANAGE = Capability(
    "verteilung_bearbeiten",
    "Verteilungsschlüssel bearbeiten",
    "verteilung.change_verteilungsschluessel",
)
READ = Capability(
    "verteilung_lesen",
    "Beschlossenen Verteilungsschlüssel lesen",
    "verteilung.view_verteilungsschluessel",
)


def may_manage(user: User | AnonymousUser) -> bool:
    return MANAGE.allows(user)


def may_read(user: User | AnonymousUser) -> bool:
    return READ.allows(user) or MANAGE.allows(user)
