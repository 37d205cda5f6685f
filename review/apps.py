from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """The review on top of the records: the status rule, timelines, the dashboard,
    the feeds, the jurisdictions' pages and the shipped data's loader."""

    name = "review"
    verbose_name = "Review"
