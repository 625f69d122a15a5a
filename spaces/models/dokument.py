"""Documents shared in a space: Wagtail documents in a private collection per Gremium.

The file is served by the spaces view after the visibility check; Wagtail's own
``/documents/`` URL answers 404 to anyone who may not see the space (hook
``before_serve_document`` in spaces.wagtail_hooks) and the collection carries a
CollectionViewRestriction for the KIM-Koordination as a second lock.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction

from .gremium import Gremium

ROOT_COLLECTION_NAME = "Gremien (vertraulich)"


def _restricted(collection: Collection) -> Collection:
    from django.contrib.auth.models import Group

    from accounts.roles import KOORDINATION

    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=KOORDINATION))
    return collection


def gremium_collection(gremium: Gremium) -> Collection:
    """The Gremium's private collection (made, with its view restriction, on first use)."""
    if gremium.collection_id:
        return gremium.collection
    with transaction.atomic():
        root = Collection.get_first_root_node()
        parent = root.get_children().filter(name=ROOT_COLLECTION_NAME).first()
        if parent is None:
            parent = _restricted(root.add_child(name=ROOT_COLLECTION_NAME))
        collection = _restricted(parent.add_child(name=f"Gremium: {gremium.name}"))
        Gremium.objects.filter(pk=gremium.pk).update(collection=collection)
        gremium.collection = collection
    return collection


class Gremiumsdokument(models.Model):
    gremium = models.ForeignKey(
        Gremium, on_delete=models.CASCADE, related_name="dokumente", verbose_name=_("Gremium")
    )
    document = models.OneToOneField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.CASCADE,
        related_name="gremiumsdokument",
        verbose_name=_("Dokument"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        verbose_name = _("Dokument eines Gremiums")
        verbose_name_plural = _("Dokumente der Gremien")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.document.title

    def get_absolute_url(self) -> str:
        return reverse(
            "spaces:dokument",
            kwargs={
                "slug": self.gremium.slug,
                "pk": self.pk,
                "filename": self.document.filename,
            },
        )
