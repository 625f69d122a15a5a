"""Number formats of the Verteilungsschlüssel: VZÄ ("1,25"), differences ("+0,25"), shares."""

from decimal import Decimal

from django import template

from portal.charts import format_number

register = template.Library()


@register.filter
def vzae(value: Decimal | None) -> str:
    return "–" if value is None or value == "" else format_number(Decimal(value))


@register.filter
def signed(value: Decimal | None) -> str:
    if value is None:
        return "–"
    if not value:
        return "±0"
    return ("+" if value > 0 else "−") + format_number(abs(Decimal(value)))


@register.filter
def item(values, index: int):
    return values[index]
