import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ProgressReport


class TaskTable(tables.Table):
    """Rows are dicts built by the dashboard view (task, state, lead departments)."""

    plan = tables.Column(verbose_name=_("Plan"), accessor="plan_label")
    number = tables.Column(verbose_name=_("No."))
    title = tables.Column(verbose_name=_("Task"))
    lead = tables.Column(verbose_name=_("Responsible"), orderable=False)
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="Y-m-d")
    state = tables.Column(verbose_name=_("State"))
    reports = tables.Column(verbose_name=_("Reports"))

    def render_title(self, value, record):
        return format_html('<a href="{}">{}</a>', record["url"], value)

    def render_state(self, value, record):
        return format_html('<span class="badge state-{}">{}</span>', record["state_code"], value)

    def render_deadline(self, value, record):
        suffix = format_html(' <span class="muted" title="{}">*</span>', _("default deadline")) \
            if record["deadline_is_default"] else ""
        return format_html("{}{}", value.strftime("%Y-%m-%d"), suffix)

    class Meta:
        attrs = {"class": "table"}
        orderable = False


class ProgressReportTable(tables.Table):
    task = tables.Column(linkify=True)

    class Meta:
        model = ProgressReport
        fields = ["task", "department", "year", "quarter", "status", "percent", "narrative", "submitted_by",
                  "submitted_at", "review_state", "review_comment"]
        attrs = {"class": "table"}
