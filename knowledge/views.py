"""Django views of the knowledge app (most of its views are routes on its pages)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from knowledge.models import KnowledgeIndexPage
from knowledge.resources import OrganisationResource
from portal.privacy import can_view_page
from portal.spreadsheets import spreadsheet_response


def directory_export(request: HttpRequest, page_id: int) -> HttpResponse:
    """The directory of a Wissensbereich as filtered (e.g. one Kommune), as CSV for German Excel
    or XLSX, with the columns of the Organisationen import. Readable by whoever may see the
    Wissensbereich, like the directory itself. (A view, not a page route: the page model must
    not import the import resources, which import the models.)"""
    page = get_object_or_404(KnowledgeIndexPage, pk=page_id)
    if not can_view_page(request.user, page):
        raise Http404
    form = page.directory_form(request)
    dataset = OrganisationResource().export(queryset=form.organisations())
    kommune = form.chosen_kommune
    return spreadsheet_response(
        dataset.headers,
        dataset,
        filename=f"beratungsangebote-{kommune.slug}" if kommune else "beratungsangebote",
        file_format=request.GET.get("format", "csv"),
        title=f"Beratungsangebote {kommune.name}" if kommune else "Beratungsangebote",
    )
