"""Documents shared in a space: list, upload (members and the KIM-Koordination), download.

The download checks the space's visibility like every other spaces view (404 otherwise); the
file is never linked by its Wagtail URL (see spaces.models.dokument). It lies in the private
storage and is handed over by portal.private_files.serve_private_file.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from knowledge.models import KnowledgeDocument
from portal.private_files import serve_private_file
from spaces.forms import DokumentForm
from spaces.models import Gremium, Gremiumsdokument, gremium_collection
from spaces.visibility import works_in_space

DOKUMENTE_PER_PAGE = 100


def _visible_gremium(request: HttpRequest, slug: str) -> Gremium:
    return get_object_or_404(Gremium.objects.visible_to(request.user), slug=slug)


@require_http_methods(["GET", "POST"])
def dokumente(request: HttpRequest, slug: str) -> HttpResponse:
    gremium = _visible_gremium(request, slug)
    may_upload = works_in_space(request.user, gremium.pk)
    form = None
    status = 200
    if may_upload:
        form = DokumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if form.is_valid():
                with transaction.atomic():
                    document = KnowledgeDocument(
                        title=form.cleaned_data["title"],
                        file=form.cleaned_data["file"],
                        collection=gremium_collection(gremium),
                        uploaded_by_user=request.user,
                    )
                    document.save()
                    Gremiumsdokument.objects.create(
                        gremium=gremium, document=document, uploaded_by=request.user
                    )
                messages.success(request, f"Das Dokument „{document.title}“ ist im Raum abgelegt.")
                return redirect("spaces:dokumente", slug=gremium.slug)
            status = 400
    elif request.method == "POST":
        messages.error(
            request,
            "Dokumente legen die Mitglieder des Gremiums und die KIM-Koordination ab; der "
            "Raum ist mit Ihnen nur zum Lesen geteilt.",
        )
        return redirect("spaces:dokumente", slug=gremium.slug)
    documents = (
        Gremiumsdokument.objects.filter(gremium=gremium)
        .select_related("document", "uploaded_by", "gremium")
        .defer("document__extracted_text")
        .order_by("-uploaded_at", "-pk")[:DOKUMENTE_PER_PAGE]
    )
    return render(
        request,
        "spaces/dokumente.html",
        {"gremium": gremium, "dokumente": documents, "form": form, "limit": DOKUMENTE_PER_PAGE},
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def dokument(request: HttpRequest, slug: str, pk: int, filename: str) -> HttpResponse:
    gremium = _visible_gremium(request, slug)
    entry = get_object_or_404(
        Gremiumsdokument.objects.select_related("document", "gremium"), gremium=gremium, pk=pk
    )
    document = entry.document
    if document.filename != filename:
        raise Http404
    return serve_private_file(
        request,
        document.file,
        filename=document.filename,
        content_type=document.content_type,
        as_attachment=document.content_disposition != "inline",
    )
