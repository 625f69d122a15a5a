"""The spaces app's capabilities (portal/capabilities.py): one permission each."""

from portal.capabilities import Capability

#: See (and work in) every Gremium's space.
SEE_ALL_SPACES = Capability("alle_gremien_sehen", "Alle Gremien sehen", "spaces.view_gremium")
#: Write the minutes of every Gremium (attendance, Aufgaben, status changes).
EDIT_MINUTES = Capability("protokolle_schreiben", "Protokolle schreiben", "spaces.change_protokoll")
