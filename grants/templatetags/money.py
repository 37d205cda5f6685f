"""`{{ amount|dollars }}`: an amount as the sources give it, never rounded
(grants.totals.dollars, which the comparison and its downloads use too)."""

from decimal import Decimal

from django import template

from grants.totals import dollars as _dollars

register = template.Library()


@register.filter
def dollars(amount: Decimal | None) -> str:
    return "" if amount is None else _dollars(Decimal(amount))
