"""Query expressions the domain's querysets share (no models: the apps' configs, which
load before the models, may import this)."""

from django.db.models import Exists, F, Func


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


class ExistsPerRow(Exists):
    """An EXISTS that PostgreSQL tests on each row the outer query walks. Among ORs it
    otherwise finds every match of the subquery first, as a hashed set, though a list
    stops after a page; `OFFSET 0`, PostgreSQL's fence against that, keeps it a test
    of each row. SQLite tests an EXISTS on each row anyway."""

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="EXISTS(%(subquery)s OFFSET 0)", **extra
        )
