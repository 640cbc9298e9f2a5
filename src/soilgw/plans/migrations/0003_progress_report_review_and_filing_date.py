"""The lead's review of a quarterly report (state and comment) and the platform date of its submission."""

from django.db import migrations, models
from django.utils import timezone


def date_existing_reports(apps, schema_editor):
    """Reports filed before this migration are dated by their submission time in the county's time zone."""
    for name in ("ProgressReport", "HistoricalProgressReport"):
        model = apps.get_model("plans", name)
        for report in model.objects.filter(filed_on__isnull=True).only("pk", "submitted_at"):
            model.objects.filter(pk=report.pk).update(filed_on=timezone.localdate(report.submitted_at))


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0002_obligation"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport", name="filed_on",
            field=models.DateField(null=True, verbose_name="submission date"),
        ),
        migrations.AddField(
            model_name="historicalprogressreport", name="filed_on",
            field=models.DateField(null=True, verbose_name="submission date"),
        ),
        migrations.RunPython(date_existing_reports, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="progressreport", name="filed_on",
            field=models.DateField(help_text="The platform date of the latest submission; lateness is judged on it.",
                                   verbose_name="submission date"),
        ),
        migrations.AlterField(
            model_name="historicalprogressreport", name="filed_on",
            field=models.DateField(help_text="The platform date of the latest submission; lateness is judged on it.",
                                   verbose_name="submission date"),
        ),
        migrations.AddField(
            model_name="progressreport", name="review_state",
            field=models.CharField(choices=[("pending", "Awaiting review"), ("accepted", "Accepted"),
                                            ("returned", "Returned")], default="pending", max_length=20,
                                   verbose_name="review"),
        ),
        migrations.AddField(
            model_name="historicalprogressreport", name="review_state",
            field=models.CharField(choices=[("pending", "Awaiting review"), ("accepted", "Accepted"),
                                            ("returned", "Returned")], default="pending", max_length=20,
                                   verbose_name="review"),
        ),
        migrations.AddField(
            model_name="progressreport", name="review_comment",
            field=models.TextField(blank=True, verbose_name="review comment"),
        ),
        migrations.AddField(
            model_name="historicalprogressreport", name="review_comment",
            field=models.TextField(blank=True, verbose_name="review comment"),
        ),
    ]
