"""The portal's own search index, stored in the project database.

One :class:`SearchDocument` per indexed object (a page, an organisation, a Beschluss ...),
its :class:`Posting` rows (one per index term: weighted term frequency and positions), the
principals that may see it (:class:`DocumentPrincipal`, modelled on Plone's
``allowedRolesAndUsers``) and its facet values (:class:`DocumentFacet`). Plain tables and
B-tree indexes only, so SQLite and PostgreSQL behave identically (docs/adr/0004-search.md).

For speed the engine scores in SQL: every distinct set of principals is an
:class:`AccessSet`, and its id (``acl``) is copied onto the document and onto each of its
postings together with the document length, so scoring a term needs nothing but one range
of the covering index ``search_posting_cover`` (term, document, acl, weight, length).

Nothing outside ``search`` uses these models; other apps talk to ``search.registry``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    kind = models.CharField(_("Art (Schlüssel)"), max_length=100, db_index=True)
    kind_label = models.CharField(_("Art"), max_length=100)
    title = models.CharField(_("Titel"), max_length=500)
    title_key = models.CharField(max_length=500, blank=True, db_index=True)
    url = models.CharField(_("Adresse"), max_length=1000, blank=True)
    location = models.CharField(_("Fundort"), max_length=500, blank=True)
    text = models.TextField(_("Text für Auszüge"), blank=True)
    date = models.DateField(_("Datum"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    boost = models.FloatField(default=1.0)
    length = models.PositiveIntegerField(default=0)  # number of index positions (BM25)
    page_path = models.CharField(max_length=255, blank=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)
    acl = models.PositiveIntegerField(default=0)  # AccessSet id of the principals
    recency = models.FloatField(default=0.0)  # 2 ** (days since RECENCY_EPOCH / half-life)

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        indexes = [
            # Covering index of the ranking columns: the rows themselves hold the long
            # snippet text, which would otherwise be read for every candidate.
            models.Index(
                fields=["id", "acl", "kind", "kind_label", "year", "boost", "recency"],
                name="search_document_rank",
            ),
            models.Index(fields=["acl", "length"], name="search_document_acl"),
        ]

    def __str__(self) -> str:
        return self.title


class Posting(models.Model):
    """One term of one document: BM25F-weighted frequency and word positions."""

    term = models.CharField(max_length=100)
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="postings")
    weight = models.FloatField()  # sum of field weight x token weight over all occurrences
    positions = models.TextField(blank=True)  # space-separated, fields offset by 10 000
    acl = models.PositiveIntegerField(default=0)  # copy of document.acl
    length = models.PositiveIntegerField(default=0)  # copy of document.length

    class Meta:
        indexes = [
            models.Index(
                fields=["term", "document", "acl", "weight", "length"],
                name="search_posting_cover",
            )
        ]

    def __str__(self) -> str:
        return self.term


class DocumentPrincipal(models.Model):
    """Who may see a document: "authenticated", "group:<id>", "user:<id>", "gremium:<id>"."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="principals"
    )
    principal = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(fields=["principal", "document"], name="search_principal_doc"),
        ]

    def __str__(self) -> str:
        return self.principal


class DocumentFacet(models.Model):
    """A facet value of a document (Kommune, Handlungsfeld, Gremium)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=30)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=300)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_value_doc"),
            models.Index(fields=["document", "name", "value", "label"], name="search_facet_cover"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class AccessSet(models.Model):
    """One distinct set of principals; documents and postings refer to it by id (``acl``).

    A user may see the documents of every set that shares a principal with the user's own
    (an empty set is seen by superusers only). There are few sets (one per group, Gremium
    and owner combination), so the ids a user may see are computed in Python per request
    and the candidate queries filter on ``acl IN (...)`` without a join.
    """

    key = models.CharField(max_length=40, unique=True)  # sha1 of the sorted principals
    principals = models.TextField(blank=True)  # space-separated, sorted

    def __str__(self) -> str:
        return self.principals


class IndexState(models.Model):
    """A single row whose version changes with every index change (spelling cache key)."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.version)
