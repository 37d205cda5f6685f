"""Query expressions the domain's querysets share (no models: the apps' configs, which
load before the models, may import this)."""

from django.db.models import F, Func


class NotFromIndex(Func):
    """A column that SQLite's planner must not look up in an index (SQLite's unary
    `+`, its documented way to say so), for a condition most rows meet: the list then
    walks its own order and tests each row, where from an index of the column SQLite
    read every matching row and sorted them. Other databases read the column as it is.
    Filter by it through `alias()`: `.alias(k=NotFromIndex("kind")).filter(k=x)`."""

    template = "%(expressions)s"

    def __init__(self, field: str) -> None:
        super().__init__(F(field))

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="+%(expressions)s", **extra
        )
