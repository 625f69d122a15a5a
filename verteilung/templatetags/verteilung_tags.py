"""Number formats of the Verteilungsschlüssel: VZÄ ("1,25"), differences ("+0,25"), shares."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from portal.charts import format_number

register = template.Library()


@register.filter
def vzae(value: Decimal | None) -> str:
    """VZÄ with two decimals: "0,25", "14,00"."""
    return "–" if value is None or value == "" else number_format(Decimal(value), 2)


@register.filter
def zahl(value: Decimal | None) -> str:
    """A number with as few decimals as it needs: "30", "19,5"."""
    return "–" if value is None or value == "" else format_number(Decimal(value))


@register.filter
def signed(value: Decimal | None) -> str:
    """A difference in VZÄ: "+0,25", "−0,50", "±0"."""
    if value is None:
        return "–"
    if not value:
        return "±0"
    return ("+" if value > 0 else "−") + number_format(abs(Decimal(value)), 2)


@register.filter
def item(values, index: int):
    return values[index]
