# The letters, rounds and cases recorded before campaigns existed all belong to DOJ's
# first review. Where there are any, that campaign is made here so they can point at it;
# the data loader (review/data/campaigns.yaml) then writes its sourced facts.

from datetime import date

from django.db import migrations
from django.utils import timezone

FIRST_REVIEW = "doj-1373-review"


def first_review(apps, schema_editor) -> None:
    round_model = apps.get_model("correspondence", "ReviewRound")
    letter_model = apps.get_model("correspondence", "Letter")
    case_model = apps.get_model("litigation", "Case")
    if not any(
        model.objects.exists() for model in (round_model, letter_model, case_model)
    ):
        return
    now = timezone.now()
    campaign, _ = apps.get_model("campaigns", "Campaign").objects.get_or_create(
        data_key=FIRST_REVIEW,
        defaults={
            "name": "The 8 U.S.C. 1373 / Byrne JAG review",
            "slug": FIRST_REVIEW,
            "started_on": date(2016, 5, 31),
            "verified_at": now,
        },
    )
    for model in (round_model, letter_model, case_model):
        model.objects.filter(campaign__isnull=True).update(campaign=campaign)


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0001_campaigns"),
        ("correspondence", "0009_campaigns"),
        ("litigation", "0003_campaigns"),
    ]

    operations = [migrations.RunPython(first_review, migrations.RunPython.noop)]
