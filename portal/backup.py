"""Backup and restore of an installation: the database and every directory that holds files.

A backup is one directory ``kim-portal-YYYYMMDD-HHMMSS/`` (readable by its owner only) with

- ``database.dump``: PostgreSQL, ``pg_dump --format=custom`` (restored with ``pg_restore``), or
  ``database.sqlite3``: SQLite, a consistent copy through SQLite's online backup API;
- ``files-<name>.tar.gz``: one archive per file directory;
- ``manifest.json``: what the backup holds, with a SHA-256 checksum of every file. It is written
  last and the directory gets its final name only then, so a backup with a manifest is complete.

The file directories are not a fixed list: they are read from the settings at run time, so a
storage added later (e.g. one for private files outside MEDIA_ROOT) is backed up without
changing this module. A directory is found as ``MEDIA_ROOT``, as a file-system storage in
``STORAGES``, or as the storage of any model's FileField, and named after the setting that
holds its path where there is one (e.g. ``MEDIA_ROOT``). A restore puts each archive into the
directory the *current* settings give for that name, so paths may differ on a new server.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

FORMAT_VERSION = 1
NAME_PATTERN = re.compile(r"^kim-portal-(\d{8}-\d{6})$")
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why, in German."""


@dataclass(frozen=True)
class FileLocation:
    name: str  # stable across installations: "MEDIA_ROOT", "STORAGES[private]", ...
    path: Path

    @property
    def archive(self) -> str:
        return "files-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", self.name).strip("_") + ".tar.gz"


# --- where files live -------------------------------------------------------------------------


def _storage_location(storage) -> Path | None:
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location).resolve()
    return None


def _setting_names_by_path() -> dict[Path, str]:
    names = {}
    for name in dir(settings):
        if not name.isupper() or name == "STATIC_ROOT":
            continue
        value = getattr(settings, name, None)
        if isinstance(value, str | Path) and str(value).startswith("/"):
            names.setdefault(Path(value).resolve(), name)
    return names


def file_locations() -> list[FileLocation]:
    """Every directory the installation keeps files in (static files excluded: they are
    rebuilt by ``collectstatic``). Directories inside another one are covered by it."""
    candidates: list[tuple[str, Path]] = [("MEDIA_ROOT", Path(settings.MEDIA_ROOT).resolve())]
    for alias in settings.STORAGES:
        if alias != "staticfiles" and (location := _storage_location(storages[alias])):
            candidates.append((f"STORAGES[{alias}]", location))
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and (
                location := _storage_location(field.storage)
            ):
                candidates.append((f"{model._meta.label}.{field.name}", location))
    setting_names = _setting_names_by_path()
    locations: list[FileLocation] = []
    for name, path in candidates:
        if any(path == known.path or path.is_relative_to(known.path) for known in locations):
            continue
        locations = [known for known in locations if not known.path.is_relative_to(path)]
        locations.append(FileLocation(setting_names.get(path, name), path))
    return locations


# --- database ---------------------------------------------------------------------------------


def _database() -> dict:
    return settings.DATABASES[DEFAULT_DB_ALIAS]


def database_engine() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Sicherungen gibt es für PostgreSQL und SQLite, nicht für {vendor}.")
    return vendor


def _postgres_environment() -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore (the password never appears in the process list)."""
    database = _database()
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    return environment


def _run(command: list[str]) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"Das Programm „{command[0]}“ fehlt. Installieren Sie die PostgreSQL-Client-Programme "
            "(Debian: apt-get install postgresql-client) in der Version des Servers oder neuer."
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from our settings
        [program, *command[1:]],
        env=_postgres_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ist fehlgeschlagen: {result.stderr.strip()}")


def dump_database(target: Path) -> str:
    """Write the database into ``target``'s directory; returns the file name."""
    if database_engine() == "postgresql":
        path = target / POSTGRES_DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"])
        return path.name
    path = target / SQLITE_COPY
    source = sqlite3.connect(_database()["NAME"])
    try:
        destination = sqlite3.connect(path)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return path.name


def database_is_empty() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore_database(source: Path, replace: bool) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if database_engine() == "postgresql":
        if replace:
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_database()['NAME']}",
                str(source),
            ]
        )
        return
    connection.close()
    backup = sqlite3.connect(source)
    try:
        live = sqlite3.connect(_database()["NAME"])
        try:
            backup.backup(live)
        finally:
            live.close()
    finally:
        backup.close()


# --- backup -----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _private_files() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def create_backup(target_root: Path, log: Callable[[str], None] = lambda line: None) -> Path:
    """A complete backup in a new directory under ``target_root``; returns that directory."""
    engine = database_engine()
    created = timezone.localtime()
    final = target_root / f"kim-portal-{created:%Y%m%d-%H%M%S}"
    partial = target_root / f".{final.name}.partial"
    if final.exists():
        raise BackupError(f"„{final}“ gibt es schon; bitte eine Sekunde später erneut.")
    with _private_files():
        target_root.mkdir(parents=True, exist_ok=True)
        if partial.exists():
            shutil.rmtree(partial)
        partial.mkdir()
        try:
            database_file = dump_database(partial)
            log(f"Datenbank ({engine}) gesichert.")
            archives = []
            for location in file_locations():
                archive = partial / location.archive
                with tarfile.open(archive, "w:gz") as tar:
                    if location.path.exists():
                        tar.add(location.path, arcname=".")
                count = sum(1 for p in location.path.rglob("*") if p.is_file())
                log(f"{location.name} ({location.path}): {count} Dateien gesichert.")
                archives.append(
                    {"name": location.name, "path": str(location.path), "archive": archive.name}
                )
            files = sorted(p.name for p in partial.iterdir())
            manifest = {
                "format": FORMAT_VERSION,
                "created": created.isoformat(),
                "engine": engine,
                "database": database_file,
                "file_locations": archives,
                "sha256": {name: _sha256(partial / name) for name in files},
                "retention_days": {
                    "meldebogen_drafts": settings.MELDEBOGEN_DRAFT_DAYS,
                    "meldebogen_free_text": settings.MELDEBOGEN_RETENTION_DAYS,
                },
            }
            (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
            partial.rename(final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    return final


def backups(target_root: Path) -> list[tuple[datetime.datetime, Path]]:
    """Complete backups under ``target_root``, oldest first."""
    found = []
    if target_root.is_dir():
        for path in target_root.iterdir():
            match = NAME_PATTERN.match(path.name)
            if match and (path / MANIFEST).is_file():
                stamp = datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
                found.append((timezone.make_aware(stamp), path))
    return sorted(found)


def prune_backups(target_root: Path, keep_days: int, keep: Path) -> list[Path]:
    """Delete complete backups older than ``keep_days`` (never ``keep``); returns them."""
    if keep_days <= 0:
        return []
    limit = timezone.now() - datetime.timedelta(days=keep_days)
    removed = []
    for created, path in backups(target_root):
        if created < limit and path != keep:
            shutil.rmtree(path)
            removed.append(path)
    return removed


# --- restore ----------------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    """The manifest of a complete, undamaged backup (every checksum is verified)."""
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"„{directory}“ ist keine vollständige Sicherung (manifest.json fehlt).")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unbekanntes Sicherungsformat {manifest.get('format')!r}.")
    for name, expected in manifest["sha256"].items():
        file = directory / name
        if not file.is_file() or _sha256(file) != expected:
            raise BackupError(f"Die Sicherung ist beschädigt: „{name}“ fehlt oder ist verändert.")
    return manifest


def restore_backup(directory: Path, replace: bool, log: Callable[[str], None]) -> dict:
    """Put database and files of a backup back; returns its manifest.

    Refuses a non-empty database or file directory unless ``replace`` is set; then they are
    emptied first, so nothing of the current state mixes with the backup.
    """
    manifest = read_manifest(directory)
    engine = database_engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"Die Sicherung stammt aus {manifest['engine']}, die Installation nutzt {engine}."
        )
    current = {location.name: location.path for location in file_locations()}
    targets = [
        (entry, current.get(entry["name"], Path(entry["path"])))
        for entry in manifest["file_locations"]
    ]
    if not replace:
        if not database_is_empty():
            raise BackupError(
                "Die Datenbank enthält schon Daten. Stellen Sie in eine leere Datenbank wieder "
                "her oder ersetzen Sie den Inhalt ausdrücklich mit --replace."
            )
        for _entry, path in targets:
            if path.exists() and any(path.iterdir()):
                raise BackupError(
                    f"Das Verzeichnis „{path}“ ist nicht leer. Leeren Sie es oder ersetzen Sie "
                    "den Inhalt ausdrücklich mit --replace."
                )
    restore_database(directory / manifest["database"], replace)
    # Nothing computed from the replaced database may outlive it (portal/privacy.py).
    cache.clear()
    log(f"Datenbank aus {manifest['database']} wiederhergestellt.")
    for entry, path in targets:
        if replace and path.exists():
            for child in path.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        path.mkdir(parents=True, exist_ok=True)
        with tarfile.open(directory / entry["archive"], "r:gz") as tar:
            tar.extractall(path, filter="data")
        log(f"{entry['name']}: Dateien nach {path} wiederhergestellt.")
    return manifest
