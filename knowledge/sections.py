"""Stable anchors of the Handlungskonzept's chapters and sections (issue 18).

Every chapter (a StreamField child) and every section (a ListBlock item) has a block id, a UUID
that Wagtail keeps when blocks are reordered in the editor. Anchors are made from it:
``#abschnitt-3f2a9c1e`` (the first eight hex digits; the whole id if two blocks of one page
share them). Numbers ("5.2") are shown, never used as anchors.

The anchors of the old numbering (``#kapitel-5-2``) are kept as aliases: the first time a page
is saved with this code (migration 0010 for existing pages), the position of every block is
recorded in ``HandlungskonzeptPage.legacy_anchors`` (``{"kapitel-5-2": "<block id>"}``), and the
page renders the alias as an extra anchor on the block it meant, wherever that block has moved.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable

ANCHOR_PREFIX = "abschnitt-"
SHORT_ID_LENGTH = 8


def ensure_block_ids(body) -> None:
    """Give every chapter and section of a Handlungskonzept body a stored id now (Wagtail
    would give list items written in the old format a new random id on every load)."""
    for chapter in body:
        if not chapter.id:
            chapter.id = str(uuid.uuid4())
        sections = chapter.value.get("sections") if chapter.block_type == "chapter" else None
        for item in getattr(sections, "bound_blocks", ()):
            if not item.id:
                item.id = str(uuid.uuid4())


def blocks_in_order(body) -> list[tuple[str, str, object, list]]:
    """(number, block id, chapter value, [(number, id, section value), ...]) per chapter."""
    chapters = []
    for chapter_number, block in enumerate((b for b in body if b.block_type == "chapter"), start=1):
        sections = [
            (f"{chapter_number}.{section_number}", item.id, item.value)
            for section_number, item in enumerate(block.value["sections"].bound_blocks, start=1)
        ]
        chapters.append((str(chapter_number), block.id, block.value, sections))
    return chapters


def positional_anchors(body) -> dict[str, str]:
    """The old numbered anchors of the body as it is now: {"kapitel-5-2": block id}."""
    anchors = {}
    for number, chapter_id, _value, sections in blocks_in_order(body):
        anchors[f"kapitel-{number}"] = chapter_id
        for section_number, section_id, _section in sections:
            anchors["kapitel-" + section_number.replace(".", "-")] = section_id
    return anchors


def anchor_names(block_ids: Iterable[str]) -> dict[str, str]:
    """Block id -> anchor ("abschnitt-3f2a9c1e"), unique within the page."""
    ids = [str(block_id) for block_id in block_ids if block_id]
    short = Counter(block_id[:SHORT_ID_LENGTH] for block_id in ids)
    return {
        block_id: ANCHOR_PREFIX
        + (block_id[:SHORT_ID_LENGTH] if short[block_id[:SHORT_ID_LENGTH]] == 1 else block_id)
        for block_id in ids
    }


def anchor_pattern(anchor: str) -> re.Pattern:
    """Matches the anchor as a whole word ("kapitel-5" but not in "kapitel-5-2")."""
    return re.compile(r"(?<![\w-])" + re.escape(anchor) + r"(?![\w-])")
