"""The lab-result import with a column-mapping step: upload → map the file's headers to fields → validate.

The uploaded bytes wait in ``VAR_DIR/monitoring-uploads/<sha256><ext>`` between the two steps; the second
step runs the import framework (``run_import``) with ``options.columns`` and shows the batch's report.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from soilgw.core import imports, jobs
from soilgw.core.permissions import memberships

from .importers import can_import
from .ingest import FIELDS, REQUIRED_LONG, rename_columns
from .mappings import SOURCE_NAMES
from .models import COUNTY_DATASET, SourceMapping

FIELD_LABELS = {
    "point": _("Point code"), "sample": _("Sample code"), "date": _("Sampling date"), "analyte": _("Analyte"),
    "value": _("Result"), "unit": _("Unit"), "qualifier": _("Qualifier"), "detection_limit": _("Detection limit"),
    "detection_limit_unit": _("Detection-limit unit"), "depth": _("Sampling depth [m] (0.5 or 0-0.5)"), "depth_top": _("Depth top [m]"),
    "depth_bottom": _("Depth bottom [m]"), "medium": _("Sample medium"), "lab": _("Laboratory"), "method": _("Method"),
    "qc_type": _("QC type"), "parent_sample": _("Original of a field duplicate"),
}


def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "monitoring-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Lab results (CSV or XLSX)"))
    source = forms.ChoiceField(label=_("Name and unit mapping of the source"), required=False)
    dataset = forms.SlugField(label=_("Dataset"), initial=COUNTY_DATASET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = sorted(set(SourceMapping.objects.values_list("source", flat=True)))
        self.fields["source"].choices = [("", _("none (catalogue names)"))] + [(s, SOURCE_NAMES.get(s, s)) for s in sources]

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.SOILGW_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than the upload limit."))
        if Path(f.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return f


@login_required
def lab_import(request):
    """Step 1: upload. Step 2 (``stage=map``): choose which header holds each field, then validate."""
    if not can_import(request.user, {}):
        raise PermissionDenied(_("Only editors may import lab results."))
    if request.POST.get("stage") == "map":
        return _run(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        content = f.read()
        suffix = Path(f.name).suffix.lower()
        token = hashlib.sha256(content).hexdigest()
        path = _upload_dir() / f"{token}{suffix}"
        path.write_bytes(content)
        try:
            sheets = imports.read_sheets(path, f.name)
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            headers = list(dict.fromkeys(str(c) for df in sheets.values() for c in df.columns))
            guessed = {}
            for df in sheets.values():
                renamed = rename_columns(df)
                guessed.update({new: str(old) for old, new in zip(df.columns, renamed.columns, strict=True)
                                if new in FIELDS})
            fields = [(fld, FIELD_LABELS[fld], fld in REQUIRED_LONG, guessed.get(fld, "")) for fld in FIELDS]
            return render(request, "monitoring/import_map.html", {
                "token": token, "suffix": suffix, "filename": f.name, "headers": headers, "fields": fields,
                "source": form.cleaned_data["source"], "dataset": form.cleaned_data["dataset"],
                "wide": "analyte" not in guessed})
    return render(request, "monitoring/import.html", {"form": form})


def _run(request):
    token = request.POST.get("token", "")
    suffix = request.POST.get("suffix", "")
    if not token.isalnum() or suffix not in (".csv", ".xlsx"):
        raise PermissionDenied
    path = _upload_dir() / f"{token}{suffix}"
    if not path.exists():
        return redirect("monitoring:import")
    columns = {fld: request.POST.get(f"col_{fld}", "") for fld in FIELDS if request.POST.get(f"col_{fld}")}
    options = {"columns": columns, "dataset": request.POST.get("dataset") or COUNTY_DATASET}
    if request.POST.get("source"):
        options["source"] = request.POST["source"]
    if request.POST.get("event"):
        options["event"] = request.POST["event"]
    dept = memberships(request.user)[0].department if memberships(request.user) else None
    batch = jobs.import_upload("lab_results", request.POST.get("filename") or path.name, path.read_bytes(),
                               request.user, department=dept, options=options)
    path.unlink(missing_ok=True)
    return redirect("import_batch", pk=batch.pk)
