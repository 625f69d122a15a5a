"""The PDF receipt of a submitted Meldebogen, for the reporter's files (WeasyPrint)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from forms.models import Meldebogen


def render_receipt_pdf(meldebogen: Meldebogen, request: HttpRequest | None = None) -> bytes:
    """Render the whole report as a PDF; the template is self-contained (no external fetches)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "meldeboegen/receipt_pdf.html",
        {"meldebogen": meldebogen, "printed_at": timezone.localtime()},
        request=request,
    )
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
