"""The PDF receipt of a submitted Meldebogen, for the reporter's files."""

from django.http import HttpRequest
from django.utils import timezone

from forms.models import Meldebogen
from portal.pdf import render_pdf


def render_receipt_pdf(meldebogen: Meldebogen, request: HttpRequest | None = None) -> bytes:
    """Render the whole report as a PDF (portal/pdf.py: no external fetches)."""
    return render_pdf(
        "meldeboegen/receipt_pdf.html",
        {"meldebogen": meldebogen, "printed_at": timezone.localtime()},
        request=request,
    )
