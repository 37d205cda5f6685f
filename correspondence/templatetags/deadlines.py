from django import template
from django.utils import timezone

from correspondence.models import Letter

register = template.Library()


@register.inclusion_tag("admin/correspondence/_deadlines.html")
def deadlines_panel() -> dict:
    """Overdue letters and those due within a week, for the admin's front page."""
    today = timezone.localdate()
    letters = Letter.objects.select_related("jurisdiction").order_by("due_on")
    return {
        "overdue": letters.overdue(today)[:10],
        "overdue_count": letters.overdue(today).count(),
        "upcoming": letters.due_within(7, today)[:10],
        "today": today,
    }
