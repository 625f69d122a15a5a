from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "KIM-Portal"

    def ready(self) -> None:
        from portal import checks  # noqa: F401 (registers the system checks)
        from portal.spreadsheets import protect_wagtail_exports

        # Every CSV/XLSX download of the Wagtail admin writes its cells through the portal's
        # rule against formula injection (portal/spreadsheets.py).
        protect_wagtail_exports()

        # Date-times in the admin's inspect views in local time, like everywhere else.
        from django.db import models
        from wagtail.admin.ui.fields import register_display_class

        from portal.admin_display import LocalDateTimeDisplay

        register_display_class(models.DateTimeField, display_class=LocalDateTimeDisplay)

        # Dates typed into the admin stay as typed (an ISO date is not replaced with today).
        from portal.admin_dates import register_date_widgets

        register_date_widgets()

        connect_page_tree_signals()

        # Wagtail's view-restriction check when serving a page, answered from the cache of
        # the page tree (portal.privacy.cached_view_restrictions; same answer, fewer queries).
        from wagtail.models import Page

        from portal.privacy import cached_view_restrictions

        Page.get_view_restrictions = cached_view_restrictions

        # Wagtail's routing with one query per level of the path, and its site lookup from
        # the cache of the page tree (portal/routing.py).
        from wagtail.models import Site

        from portal.routing import cached_find_site, cached_route

        Page.route = cached_route
        Site._find_for_request = staticmethod(cached_find_site)


def connect_page_tree_signals() -> None:
    """Whatever may change who sees which page, or the menus built from the page tree,
    invalidates the caches keyed by the visibility rule (portal.privacy)."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from portal.privacy import page_tree_changed

    def page_saved_or_deleted(sender, **kwargs) -> None:
        if issubclass(sender, Page):
            page_tree_changed()

    uid = "kim-page-tree"
    for signal in (post_save, post_delete):
        signal.connect(page_saved_or_deleted, dispatch_uid=f"{uid}-page")
        # Restrictions, the site's root page, a deleted group (its restriction rows go silently).
        for model in (PageViewRestriction, Site, Group):
            signal.connect(page_tree_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
    m2m_changed.connect(
        page_tree_changed, sender=PageViewRestriction.groups.through, dispatch_uid=f"{uid}-groups"
    )
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(page_tree_changed, dispatch_uid=f"{uid}-{id(signal)}")
    post_migrate.connect(page_tree_changed, dispatch_uid=f"{uid}-migrate")
