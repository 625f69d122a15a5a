"""``{{ punkt.discussion|discussion }}``: the minutes' rich text, sanitised (spaces.richtext)."""

from django import template
from django.utils.safestring import SafeString

from spaces import richtext

register = template.Library()


@register.filter
def discussion(value: str) -> SafeString:
    return richtext.render(value)
