from django import template
from django.utils.safestring import SafeString

from portal.related import related_panels as _related_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def related_panels(context: template.Context, kind: str, obj: object) -> SafeString:
    """Panels other apps contribute to this object's page (see portal/related.py)."""
    return _related_panels(kind, obj, context["request"])
