"""PDF rendering: one WeasyPrint set-up for every PDF of the portal.

Used by the Handlungskonzept's PDF (knowledge), the Sachstandsbericht (reporting) and the
receipt of a submitted Meldebogen (forms). The templates are self-contained (styles inline,
images as ``data:`` URLs), so WeasyPrint may never fetch a file or a URL: a template cannot
make the server read local files or call other hosts.
"""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """Render a Django template to PDF bytes; only ``data:`` URLs are resolved."""
    from weasyprint import HTML  # imported late: loading WeasyPrint takes a moment
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def pdf_response(
    template_name: str, context: dict, request: HttpRequest | None, filename: str
) -> HttpResponse:
    """The rendered PDF, shown in the browser (``inline``) under ``filename``."""
    response = HttpResponse(
        render_pdf(template_name, context, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
