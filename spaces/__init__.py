"""Spaces: the private working areas of the KIM bodies (Gremien).

Will own Gremien (Lenkungsgruppe, Arbeitsgruppen, Facharbeitskreise) with their seats and
membership history, Sitzungen with agendas and minutes, the Beschlüsse register and the
Zielsysteme with their indicators. Depends on knowledge/ (Kommune, Organisation) and portal/.
Not built yet: see the Gremien issue.
"""
