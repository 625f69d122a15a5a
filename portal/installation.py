"""Checks that management commands run before they touch the database of an installation.

A command that needs the portal's tables or its site skeleton says in German which command to
run first, instead of failing with a database traceback.
"""

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations not yet applied to the database, as "app.name" (raises DatabaseError)."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def require_migrated(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise a CommandError naming ``manage.py migrate`` unless the database is up to date."""
    try:
        pending = pending_migrations(using)
    except DatabaseError as error:
        raise CommandError(
            f"Die Datenbank ist nicht erreichbar ({error}). Prüfen Sie DATABASE_URL."
        ) from error
    if pending:
        raise CommandError(
            f"Die Datenbank ist nicht auf dem Stand der Software ({len(pending)} offene "
            "Migrationen). Bitte zuerst „manage.py migrate“ ausführen (oder "
            "„manage.py upgrade_portal“, das auch Rollen und Grundgerüst prüft)."
        )
