from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from portal.related import related_panels as _related_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def related_panels(context: template.Context, kind: str, obj: object) -> SafeString:
    """Panels other apps contribute to this object's page (see portal/related.py)."""
    return _related_panels(kind, obj, context["request"])


@register.simple_tag
def kreis_name() -> str:
    """The Kreis the portal belongs to (setting KIM_KREIS_NAME), e.g. "Märkischer Kreis"."""
    return str(settings.KIM_KREIS_NAME)
