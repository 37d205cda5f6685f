import django.db.models.lookups

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Q, Subquery


def copy_fiscal_years_and_amounts(apps, schema_editor):
    """Each figure takes its award's fiscal year and a copy of its amount. History
    rows keep no copy: they record the figure as it was saved, before the columns
    existed."""
    AwardFigure = apps.get_model("grants", "AwardFigure")
    Award = apps.get_model("grants", "Award")
    years = Award.objects.filter(pk=OuterRef("award_id")).values("fiscal_year")[:1]
    AwardFigure.objects.update(
        award_fiscal_year=Subquery(years), amount_sort=F("amount")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('grants', '0009_record_through_2026'),
        ('jurisdictions', '0005_listed_name_note'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='awardfigure',
            name='amount_sort',
            field=models.DecimalField(blank=True, decimal_places=2, editable=False, help_text="The amount again, for the list's sort by amount alone: its indexes are of this copy, so a filter on the amount is never read from them. Set by the figure's save; bulk writers set it themselves.", max_digits=14, null=True),
        ),
        migrations.AddField(
            model_name='historicalawardfigure',
            name='amount_sort',
            field=models.DecimalField(blank=True, decimal_places=2, editable=False, help_text="The amount again, for the list's sort by amount alone: its indexes are of this copy, so a filter on the amount is never read from them. Set by the figure's save; bulk writers set it themselves.", max_digits=14, null=True),
        ),
        migrations.AddField(
            model_name='awardfigure',
            name='award_fiscal_year',
            field=models.PositiveSmallIntegerField(editable=False, help_text="Its award's fiscal year, copied from the award: the list's sort by year reads it from an index instead of sorting every figure through the join. Set by the figure's save and the award's; bulk writers set it themselves.", null=True),
        ),
        migrations.AddField(
            model_name='historicalawardfigure',
            name='award_fiscal_year',
            field=models.PositiveSmallIntegerField(editable=False, help_text="Its award's fiscal year, copied from the award: the list's sort by year reads it from an index instead of sorting every figure through the join. Set by the figure's save and the award's; bulk writers set it themselves.", null=True),
        ),
        migrations.RunPython(copy_fiscal_years_and_amounts, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='awardfigure',
            index=models.Index(fields=['award_fiscal_year', 'id'], name='awardfigure_year_id_idx'),
        ),
        migrations.AddIndex(
            model_name='awardfigure',
            index=models.Index(django.db.models.lookups.IsNull(models.F('amount_sort'), True), models.F('amount_sort'), models.F('id'), name='awardfigure_amount_asc_idx'),
        ),
        migrations.AddIndex(
            model_name='awardfigure',
            index=models.Index(django.db.models.lookups.IsNull(models.F('amount_sort'), True), models.OrderBy(models.F('amount_sort'), descending=True), models.OrderBy(models.F('id'), descending=True), name='awardfigure_amount_desc_idx'),
        ),
        migrations.AddConstraint(
            model_name='awardfigure',
            constraint=models.CheckConstraint(condition=Q(award_fiscal_year__isnull=False), name='awardfigure_award_fiscal_year_set'),
        ),
    ]
