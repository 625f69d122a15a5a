"""Models of the knowledge base; everything is importable from ``knowledge.models``."""

from knowledge.models.agreements import Kooperationsvereinbarung
from knowledge.models.documents import KnowledgeDocument
from knowledge.models.faq import FaqFeedback, FaqPage, FaqQuestion
from knowledge.models.imports import ImportedFile
from knowledge.models.pages import (
    GuidancePage,
    GuidancePageTag,
    Handlungsfeld,
    HandlungskonzeptPage,
    KnowledgeIndexPage,
)
from knowledge.models.reference import (
    Kommune,
    KommuneQuerySet,
    Organisation,
    Sprache,
    Zielgruppe,
    ags_validator,
)

__all__ = [
    "FaqFeedback",
    "FaqPage",
    "FaqQuestion",
    "GuidancePage",
    "GuidancePageTag",
    "Handlungsfeld",
    "HandlungskonzeptPage",
    "ImportedFile",
    "Kommune",
    "KommuneQuerySet",
    "KnowledgeDocument",
    "KnowledgeIndexPage",
    "Kooperationsvereinbarung",
    "Organisation",
    "Sprache",
    "Zielgruppe",
    "ags_validator",
]
