from datetime import date, timedelta

from django.utils.dateformat import format as format_date

from sanctuary_tracker.models import DatePrecision, describe_date


def test_a_date_in_words_is_what_django_formats_it_as():
    day = date(1999, 12, 25)
    for _ in range(400):  # every month, single- and double-digit days
        day += timedelta(days=19)
        assert describe_date(day) == format_date(day, "F j, Y")
        assert describe_date(day, DatePrecision.MONTH) == format_date(day, "F Y")
    assert describe_date(date(2018, 1, 24)) == "January 24, 2018"
    assert describe_date(date(2018, 3, 7), DatePrecision.APPROXIMATE) == (
        "about March 7, 2018"
    )
    assert describe_date(date(2018, 2, 23), DatePrecision.BY) == "by February 23, 2018"
    assert describe_date(date(2017, 8, 1), DatePrecision.MONTH) == "August 2017"
    assert describe_date(None) == "not recorded"
