from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Startseite"

    def ready(self) -> None:
        # The home page's cached content follows every change of what it shows
        # (home/content_cache.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from home.content_cache import home_content_changed
        from portal.transitions import transitioned

        # Status changes (portal.transitions) write with a queryset update and send their own
        # signal instead of post_save.
        for signal in (post_save, post_delete, m2m_changed, transitioned):
            signal.connect(home_content_changed, dispatch_uid=f"kim-home-content-{id(signal)}")
