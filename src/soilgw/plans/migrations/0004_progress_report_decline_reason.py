"""The reason a department gives when its reported progress is lower than in the previous quarter."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0003_progress_report_review_and_filing_date"),
    ]

    operations = [
        migrations.AddField(
            model_name=name, name="decline_reason",
            field=models.TextField(blank=True, verbose_name="reason for lower progress", help_text=(
                "Required when the percent is lower than this department's report of the previous quarter.")),
        )
        for name in ("progressreport", "historicalprogressreport")
    ]
