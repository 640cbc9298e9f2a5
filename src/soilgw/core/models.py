"""Core entities: departments, townships, memberships, external accounts, import batches, attachments.

``RegistryModel`` is the base of every registry model of every app: it carries the change log
(django-simple-history), timestamps and an optimistic-concurrency ``revision`` so a second user's stale save is
refused instead of silently overwriting the first.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import ROLE_RANK, DepartmentKind, ImportStatus, JobStatus, Role


class StaleEditError(ValidationError):
    """Raised when a record changed since the editor loaded it."""


class RegistryModel(models.Model):
    """Abstract base for registry models: change history, timestamps and edit-conflict detection."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def save(self, *args, expected_revision: int | None = None, **kwargs):
        """Save; with ``expected_revision`` refuse (StaleEditError) if someone saved in between."""
        if self.pk is not None and expected_revision is not None:
            current = type(self).objects.filter(pk=self.pk).values_list("revision", flat=True).first()
            if current is not None and current != expected_revision:
                raise StaleEditError(
                    _("This record was changed by someone else after you opened it; reload and edit again.")
                )
        if self.pk is not None:
            self.revision = (self.revision or 0) + 1
        super().save(*args, **kwargs)


class Department(RegistryModel):
    """A county department, the county government or a township government.

    ``aliases`` holds the other names the source documents use for the same body
    (e.g. 市生态环境局绛县分局 / 运城市生态环境局绛县分局).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DepartmentKind.choices)
    admin_code = models.CharField(_("administrative code"), max_length=12, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def by_name(cls, name: str) -> Department:
        """Find a department by its name or any alias. Raises ``Department.DoesNotExist``."""
        name = name.strip()
        for dept in cls.objects.all():
            if name == dept.name or name in dept.aliases:
                return dept
        raise cls.DoesNotExist(f"no department named {name!r}")


class Township(models.Model):
    """A township (乡镇) of the county; its government is a ``Department`` of kind township."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="township")
    name = models.CharField(_("name"), max_length=50, unique=True)
    admin_code = models.CharField(_("administrative code"), max_length=12, unique=True)
    code_verified = models.BooleanField(_("code verified"), default=True)
    geometry = models.JSONField(_("geometry (GeoJSON, EPSG:4326)"), null=True, blank=True)

    class Meta:
        ordering = ["admin_code"]
        verbose_name = _("township")
        verbose_name_plural = _("townships")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's membership of a department with a role."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        unique_together = [("user", "department")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.department} ({self.role})"

    def at_least(self, role: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]


class ExternalAccount(models.Model):
    """An enterprise's or consultant's account, scoped to the one object it acts for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external")
    scope_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    scope_id = models.PositiveBigIntegerField()
    scope = GenericForeignKey("scope_type", "scope_id")

    class Meta:
        verbose_name = _("external account")
        verbose_name_plural = _("external accounts")

    def __str__(self) -> str:
        return f"{self.user} → {self.scope}"


def _import_path(instance: ImportBatch, filename: str) -> str:
    """Where a raw upload is kept: its checksum and a checked extension, never the uploader's file name
    (kept in ``ImportBatch.filename`` for display) — so no name can point the file elsewhere."""
    suffix = Path(filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""
    return f"imports/{instance.kind}/{instance.sha256[:2]}/{instance.sha256}/upload{suffix}"


class ImportBatch(models.Model):
    """One uploaded file: the raw file is kept, its sha256, who, when, and the validation report.

    ``report`` is a list of problems ``{"file", "sheet", "row", "column", "reason"}`` (empty when valid) plus
    a summary under ``summary``. Bulk rows written by the import point back to their batch.
    """

    kind = models.CharField(_("kind"), max_length=40)
    filename = models.CharField(_("file name"), max_length=255)
    raw_file = models.FileField(_("raw file"), upload_to=_import_path, max_length=400)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size [bytes]"))
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    report = models.JSONField(_("report"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    options = models.JSONField(_("options"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="import_batches"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    #: Change log of the batch's life (queued, failed, accepted, discarded, undone) with who did it.
    history = HistoricalRecords(excluded_fields=["report", "options"])

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    @property
    def kind_label(self) -> str:
        """The import kind's name as pages show it (the stored code when the kind is no longer registered)."""
        from . import imports

        try:
            return imports.get_kind(self.kind).label
        except KeyError:
            return self.kind

    def __str__(self) -> str:
        return f"{self.kind} · {self.filename} ({self.get_status_display()})"


class Job(models.Model):
    """One background job (soilgw.core.jobs): what runs, its progress [0–100 %], result or failure message.

    ``name`` is a registered job name; ``arguments`` its JSON keyword arguments, kept so the job can be retried.
    ``heartbeat_at`` moves on with every progress report; a running job whose heartbeat is older than
    ``SOILGW_JOB_TIMEOUT`` seconds, or whose worker restarted, is marked failed.
    """

    name = models.CharField(_("job"), max_length=80)
    arguments = models.JSONField(_("job arguments"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress [%]"), default=0)
    message = models.CharField(_("job message"), max_length=500, blank=True)
    result = models.JSONField(_("job result"), default=dict, blank=True)
    error = models.TextField(_("failure message"), blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("job started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.get_status_display()})"


class LoaderRun(models.Model):
    """The last run of one ``load-county-data`` loader: the hashes of the code and files it read, so an
    unchanged dataset is not loaded (and evaluated) again (soilgw.core.incremental)."""

    name = models.CharField(max_length=80, unique=True)
    code_sha256 = models.CharField(max_length=64)
    files = models.JSONField(default=dict, help_text="{path relative to its root: sha256} of every file read")
    summary = models.TextField(blank=True)
    ran_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """A document attached to any record (report, photo, minutes)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    title = models.CharField(_("title"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.file.name
