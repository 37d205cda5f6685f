import django.db.models.lookups

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_round_dates(apps, schema_editor):
    """Each letter with a round takes its round's date. History rows keep no copy:
    they record the letter as it was saved, before the column existed."""
    Letter = apps.get_model("correspondence", "Letter")
    ReviewRound = apps.get_model("correspondence", "ReviewRound")
    dates = ReviewRound.objects.filter(pk=OuterRef("round_id")).values("sent_on")[:1]
    Letter.objects.filter(round__isnull=False).update(round_sent_on=Subquery(dates))


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0003_record_through_2026'),
        ('correspondence', '0013_letter_no_reply_reported'),
        ('jurisdictions', '0005_listed_name_note'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalletter',
            name='round_sent_on',
            field=models.DateField(blank=True, editable=False, help_text="Its round's date, copied from the round (empty without one): the list's sort by round reads it from an index instead of sorting every letter through the join. Set by the letter's save and the round's; bulk writers set it themselves.", null=True),
        ),
        migrations.AddField(
            model_name='letter',
            name='round_sent_on',
            field=models.DateField(blank=True, editable=False, help_text="Its round's date, copied from the round (empty without one): the list's sort by round reads it from an index instead of sorting every letter through the join. Set by the letter's save and the round's; bulk writers set it themselves.", null=True),
        ),
        migrations.RunPython(copy_round_dates, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(django.db.models.lookups.IsNull(models.F('due_on'), True), models.F('due_on'), models.F('id'), name='letter_due_asc_idx'),
        ),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(django.db.models.lookups.IsNull(models.F('due_on'), True), models.OrderBy(models.F('due_on'), descending=True), models.OrderBy(models.F('id'), descending=True), name='letter_due_desc_idx'),
        ),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(django.db.models.lookups.IsNull(models.F('round_sent_on'), True), models.F('round_sent_on'), models.F('id'), name='letter_round_sent_asc_idx'),
        ),
        migrations.AddIndex(
            model_name='letter',
            index=models.Index(django.db.models.lookups.IsNull(models.F('round_sent_on'), True), models.OrderBy(models.F('round_sent_on'), descending=True), models.OrderBy(models.F('id'), descending=True), name='letter_round_sent_desc_idx'),
        ),
    ]
