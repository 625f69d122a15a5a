from django.apps import AppConfig
from django.core.signals import request_finished


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Wissen"

    def ready(self) -> None:
        from knowledge import search_directory, search_index
        from knowledge.models.documents import text_extraction_needed
        from knowledge.notifications import register_kinds
        from knowledge.rich_text import forget_reader
        from knowledge.tasks import on_text_extraction_needed

        text_extraction_needed.connect(
            on_text_extraction_needed, dispatch_uid="knowledge-text-extraction"
        )

        from wagtail.permissions import register_permission_policy

        from knowledge.models import Kooperationsvereinbarung
        from knowledge.models.review import FourEyesPermissionPolicy

        # Under the Vier-Augen-Freigabe no one but a superuser publishes an agreement directly.
        register_permission_policy(
            Kooperationsvereinbarung, FourEyesPermissionPolicy(Kooperationsvereinbarung)
        )

        register_kinds()
        search_index.register_provider()
        search_directory.register_provider()

        # The reader of rich-text section links is known only while one request is served.
        request_finished.connect(forget_reader, dispatch_uid="knowledge-forget-reader")

        # The Handlungsfelder and tags shown on a guidance page are cached with the page tree
        # (GuidancePage.get_context): renaming or deleting one renews it.
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from knowledge.models import Handlungsfeld
        from portal.privacy import page_tree_changed

        for model in (Handlungsfeld, Tag):
            for signal in (post_save, post_delete):
                signal.connect(
                    page_tree_changed, sender=model, dispatch_uid=f"knowledge-{model.__name__}"
                )

        # Cached fragments of knowledge pages (knowledge/fragments.py) show documents (title,
        # link, and only to readers their collection's view restrictions let through), FAQ
        # questions and reference data: any change of those renews the content version.
        from django.db.models.signals import m2m_changed, post_migrate
        from wagtail.documents import get_document_model
        from wagtail.models import Collection, CollectionViewRestriction

        from knowledge.fragments import content_changed
        from knowledge.models import FaqQuestion, Kommune, Organisation, Sprache, Zielgruppe

        for model in (
            get_document_model(),
            Collection,
            CollectionViewRestriction,
            FaqQuestion,
            Kommune,
            Organisation,
            Sprache,
            Zielgruppe,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"knowledge-fragments-{model.__name__}",
                )
        for through in (
            CollectionViewRestriction.groups.through,
            Organisation.kommunen.through,
            Organisation.zielgruppen.through,
            Organisation.sprachen.through,
        ):
            m2m_changed.connect(
                content_changed,
                sender=through,
                dispatch_uid=f"knowledge-fragments-{through.__name__}",
            )
        post_migrate.connect(content_changed, dispatch_uid="knowledge-fragments-migrate")
        # Moving a collection (treebeard's move, after the admin saved the form) sends no
        # signal, but it can put a document under a view restriction.
        collection_move = Collection.move

        def move_and_renew(collection, *args, **kwargs):
            result = collection_move(collection, *args, **kwargs)
            content_changed()
            return result

        Collection.move = move_and_renew
