"""The official record: approved minutes and their Beschlüsse do not change.

``RecordFrozen`` is raised by ``clean()`` (so the Wagtail admin and every form show the German
reason next to the form) and by ``save()``/``delete()`` (so views and the shell obey it as well).
A correction is a numbered ``Berichtigung`` with its own approval (``models/berichtigung.py``).
"""

import difflib
import re

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FROZEN_PROTOKOLL = (
    "Das Protokoll ist genehmigt und damit amtlich; es bleibt unverändert. Eine Korrektur "
    "ist nur als Berichtigung mit eigener Genehmigung möglich."
)
FROZEN_BESCHLUSS = (
    "Der Beschluss {number} ist Teil eines genehmigten Protokolls und bleibt im Wortlaut "
    "unverändert. Eine Korrektur ist nur als Berichtigung des Protokolls möglich; den Status "
    "(z. B. „in Umsetzung“) ändern Sie weiter."
)
FROZEN_BERICHTIGUNG = "Die Berichtigung ist genehmigt und bleibt unverändert."

#: The notices above the admin's read-only edit forms of the record.
NOTICE_PROTOKOLL = "Genehmigtes Protokoll – Änderungen nur per Berichtigung"
NOTICE_BESCHLUSS = (
    "Genehmigter Beschluss – Änderungen am Wortlaut nur per Berichtigung; Status und "
    "Freigabe bleiben änderbar"
)
NOTICE_BERICHTIGUNG = "Genehmigte Berichtigung – sie bleibt unverändert"


def disable_fields(form, keep: tuple[str, ...] = ()) -> None:
    """Show a (Wagtail admin) form of the record read-only: every field but ``keep`` disabled
    (Django then ignores submitted values for them), recursively through inline formsets."""
    for name, field in form.fields.items():
        # Hidden fields (an inline's id and order) and DELETE stay: disabled inputs are not
        # submitted, and the inline formsets need them (the model refuses a deletion).
        if name not in keep and name != "DELETE" and not field.widget.is_hidden:
            field.disabled = True
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            disable_fields(child, keep)


class RecordFrozen(ValidationError):
    """A change to the official record that is refused; the message says why (German)."""


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """``new`` against ``old`` word by word as HTML: removed words in <del>, added in <ins>
    (both escaped; line breaks kept by the template's ``white-space: pre-line``)."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in {"replace", "delete"}:
            parts.append(
                f'<del><span class="visually-hidden">[gestrichen: </span>'
                f'{escape("".join(a[i1:i2]))}<span class="visually-hidden">]</span></del>'
            )
        if op in {"replace", "insert"}:
            parts.append(
                f'<ins><span class="visually-hidden">[neu: </span>'
                f'{escape("".join(b[j1:j2]))}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
