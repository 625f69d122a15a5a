from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = "Gremien"

    def ready(self) -> None:
        from portal.capabilities import register_principal_source
        from spaces import (
            calendar_updates,  # noqa: F401 - connects the calendar updates
            signal_receivers,  # noqa: F401 - connects the receivers
            transitions,  # noqa: F401 - registers the status transitions
        )
        from spaces.invitations import register as register_invitation_extension
        from spaces.notifications import register_kinds
        from spaces.search_index import register_provider
        from spaces.visibility import member_principals

        register_provider()
        register_kinds()
        register_invitation_extension()
        register_principal_source(member_principals)
