"""The generic registry layer: one declaration gives a model its list (filters, table, Excel export),
detail page with change history, create/edit forms guarded by department permissions and stale-edit
refusal, Excel/CSV import through the import framework (Chinese headers, a template), and a REST viewset.

Usage in an app::

    ENTERPRISE = RegistryConfig(model=Enterprise, namespace="enterprises", slug="enterprises", list_fields=[...],
                                import_columns={"企业名称": "name", ...}, natural_key=("credit_code",))
    urlpatterns += ENTERPRISE.urls()               # in <app>/urls.py (app_name set)
    router.register("enterprises", ENTERPRISE.viewset())   # in <app>/api/urls.py

Export writes the same headers the import reads, so an exported sheet can be edited and imported again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import django_tables2 as tables
import pandas as pd
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import modelform_factory
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from . import gisfiles, imports, jobs, registry_gis
from .fields import ChoiceListField, choices_by_name
from .filters import FilterSet
from .models import Attachment, StaleEditError
from .permissions import (
    SCOPE_FIELDS,
    can_create,
    can_edit,
    external_account,
    is_internal,
    locked_field_errors,
    memberships,
    owner_locked,
    readable_queryset,
    relation_scope_errors,
    scope_allows,
    step_field_errors,
    step_refusal,
)
from .xlsx import frames_to_xlsx

#: Field types that get no filter (free-form data).
UNFILTERABLE = (models.JSONField, models.FileField, models.BinaryField)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RegistryAction:
    """A workflow step on one record (verify a lead, refer a case): not a free edit of a status field.

    ``form`` is a plain ``forms.Form``; ``run(obj, user, **cleaned_data)`` performs the step through the model,
    which checks the state and raises ``ValidationError`` when the step is not allowed, and returns the record
    to show next (``obj`` or one the step created). ``available(obj)`` hides the button when the state does
    not allow the step. Who may run it: the policy's ``steps[name]``, else whoever may edit ``obj``.
    """

    name: str  # URL segment, e.g. "open-case"
    label: str  # lazy-translated button label
    form: type[forms.Form]
    run: Callable[..., models.Model]
    available: Callable[[Any], bool] = lambda obj: True


@dataclass
class RegistryConfig:
    """Declaration of one registry model. See the module docstring.

    ``import_columns`` maps a sheet header (Chinese) to a field; the field name itself is always accepted.
    ``fk_lookups`` maps a foreign-key field to the related model's field that a sheet uses (e.g. a township
    by ``name``); a many-to-many field in ``form_fields`` is one cell listing those values separated by 、
    (or , ;). ``row_hook(data) -> data`` may convert imported values (e.g. lon/lat into a geometry)
    and raise ``ValueError("column: reason")``; ``row_warnings(data) -> [str]`` returns warnings that do not
    block the import. ``detail_template`` may extend ``registry/detail.html`` (block ``extra``) with what
    ``detail_context(request, obj) -> dict`` adds. Who may create, edit and run steps is the policy
    (``core.policy``); external accounts create only records inside their scope and link only objects they
    may read.
    ``actions`` are workflow steps (``RegistryAction``): each gets a page ``<slug>/<pk>/<name>/``, a button on
    the detail page and a POST API action ``<api>/<pk>/<name>/``. Every record takes attached documents
    (``core.Attachment``: minutes, decisions, reports) on its detail page; whoever may edit it may attach.
    """

    model: type[models.Model]
    namespace: str  # the app's URL namespace (``app_name`` of its urls.py)
    slug: str
    list_fields: list[str]
    form_fields: list[str] | None = None
    import_columns: dict[str, str] = field(default_factory=dict)
    natural_key: tuple[str, ...] = ()
    fk_lookups: dict[str, str] = field(default_factory=dict)
    scope_field: str | None = None
    public_read: bool = False
    row_hook: Callable[[dict], dict] | None = None
    row_warnings: Callable[[dict], list[str]] | None = None
    detail_template: str = "registry/detail.html"
    detail_context: Callable[[Any, Any], dict] | None = None
    actions: list[RegistryAction] = field(default_factory=list)
    #: Example-row values (field → cell) where one made from the field would break the registry's rules.
    example: dict[str, Any] = field(default_factory=dict)
    import_kind: imports.ImportKind | None = None  # set in __post_init__

    def __post_init__(self) -> None:
        SCOPE_FIELDS[self.model] = self.scope_field if not self.public_read else "__public__"
        self.import_kind = imports.register(imports.ImportKind(
            kind=f"registry_{self.slug.replace('-', '_')}", label=self.model._meta.verbose_name_plural,
            parse=self._parse, commit=self._commit, can_import=lambda user, options: self.can_create(user),
            template=self.template_xlsx, description="、".join(self.headers()),
            # spatial registries also read GeoPackage, zipped Shapefile, KML and GeoJSON (``registry_gis``)
            extensions=(".csv", ".xlsx", *(gisfiles.GIS_EXTENSIONS if registry_gis.geometry_fields(self) else ())),
        ))

    def can_create(self, user) -> bool:
        """May ``user`` open the create form or import (policy ``create``/``departments``, or its scope)?"""
        return can_create(user, self.model, self.scope_field)

    def refusal(self, user, instance, before=None, m2m: dict | None = None) -> tuple[str | None, dict]:
        """Why ``user`` may not save ``instance`` (``before``: the stored record, None when new).

        Returns ``(denied, field_errors)``: ``denied`` is a reason for a 403 (outside the user's departments
        or scope), ``field_errors`` maps fields to reasons for a 400 (locked fields, relations outside the
        scope). ``m2m``: many-to-many field → the related objects submitted.
        """
        if before is not None and not can_edit(user, before, self.scope_field):
            return _("You may not edit this record."), {}
        outside = external_account(user) is not None and not scope_allows(user, instance, self.scope_field)
        if outside or not can_edit(user, instance, self.scope_field):
            return (_("You may only submit records of your own organisation.") if external_account(user)
                    else _("The record would fall outside your departments (policy: who may edit)."), {})
        errors = locked_field_errors(user, instance, before)
        errors.update(step_field_errors(user, instance, before, self.scope_field))
        if hasattr(instance, "link_errors"):  # workflow rules on the submitted relations (expert reviews)
            errors.update(instance.link_errors(m2m or {}))
        if external_account(user) is not None:
            errors.update(relation_scope_errors(user, instance, m2m or {}))
            rule_m2m = [n for n in owner_locked(instance) if n in (m2m or {})]
            errors.update({n: _("An external account may not set this field.") for n in rule_m2m
                           if list(m2m[n]) != (list(getattr(before, n).all()) if before is not None else [])})
        return None, errors

    # ---- model metadata ------------------------------------------------------------------------------
    @property
    def editable_fields(self) -> list[str]:
        if self.form_fields is not None:
            return list(self.form_fields)
        return [f.name for f in self.model._meta.fields
                if f.editable and not f.auto_created and f.name not in ("revision",)]

    def headers(self) -> list[str]:
        """Sheet headers for export, template and import (Chinese where given)."""
        return [self.column_header(name) for name in self.editable_fields]

    @cached_property
    def filterset_class(self) -> type[FilterSet]:
        """A FilterSet with a filter for every concrete field (exact; text also icontains; dates ranges)."""
        spec: dict[str, list[str]] = {}
        for f in self.model._meta.fields:
            if isinstance(f, UNFILTERABLE) or f.name in BBOX_FIELDS:
                continue
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices:
                spec[f.name] = ["exact", "icontains"]
            elif isinstance(f, (models.DateField, models.DateTimeField, models.IntegerField, models.FloatField,
                                models.DecimalField)) and not f.primary_key:
                spec[f.name] = ["exact", "gte", "lte"]
            else:
                spec[f.name] = ["exact"]
        meta = type("Meta", (), {"model": self.model, "fields": spec})
        return type(f"{self.model.__name__}FilterSet", (FilterSet,), {"Meta": meta})

    @cached_property
    def serializer_class(self) -> type[serializers.ModelSerializer]:
        meta = type("Meta", (), {"model": self.model, "fields": "__all__",
                                 "read_only_fields": ["revision", "created_at", "updated_at"]})
        # Non-editable choice fields are read-only; DRF drops their allow_blank/allow_null, so the schema would
        # refuse the "" or null they hold before the workflow step that sets them.
        declared = {f.name: serializers.ChoiceField(choices=f.choices, read_only=True, allow_blank=f.blank,
                                                    allow_null=f.null)
                    for f in self.model._meta.concrete_fields if f.choices and not f.editable}
        return type(f"{self.model.__name__}Serializer", (serializers.ModelSerializer,),
                    {"Meta": meta, "validate": _validate_with_model_clean, **declared})

    def viewset(self) -> type[viewsets.ModelViewSet]:
        """A REST viewset: scoped reads, department-checked writes, every field filterable."""
        from .api.views import ScopedViewSetMixin

        config = self
        attrs = {
            "queryset": self.model._default_manager.all(),
            "serializer_class": self.serializer_class,
            "filterset_class": self.filterset_class,
            # ?search= over the registry's free-text fields (names, codes, notes), as its list page searches
            "search_fields": [f.name for f in self.model._meta.fields
                              if isinstance(f, (models.CharField, models.TextField)) and not f.choices],
            "scope_field": self.scope_field,
            "public_read": self.public_read,
            "can_create": staticmethod(lambda request: config.can_create(request.user)),
            "perform_create": lambda view, serializer: _checked_save(config, view, serializer),
            "perform_update": lambda view, serializer: _checked_save(config, view, serializer),
        }
        for step in self.actions:
            attrs[f"step_{step.name.replace('-', '_')}"] = _api_action(step, self.model)
        if registry_gis.geometry_fields(self):
            attrs["export"] = registry_gis.api_export(self)
            attrs.setdefault("extra_query_params", ())  # the export action declares its fmt and crs
        return type(f"{self.model.__name__}ViewSet", (ScopedViewSetMixin, viewsets.ModelViewSet), attrs)

    @cached_property
    def table_class(self) -> type[tables.Table]:
        first = self.list_fields[0]
        meta = type("Meta", (), {"model": self.model, "fields": self.list_fields, "attrs": {"class": "table"}})
        return type(f"{self.model.__name__}Table", (tables.Table,),
                    {first: tables.Column(linkify=lambda record: self.detail_url(record)), "Meta": meta})

    @cached_property
    def form_class(self) -> type[forms.ModelForm]:
        return modelform_factory(self.model, fields=self.editable_fields)

    # ---- URLs and views --------------------------------------------------------------------------------
    def url_name(self, view: str) -> str:
        return f"{self.slug}_{view}"

    def urls(self) -> list:
        s = self.slug
        return [
            path(f"{s}/", self.list_view, name=self.url_name("list")),
            path(f"{s}/new/", self.edit_view, name=self.url_name("create")),
            path(f"{s}/import/", self.import_view, name=self.url_name("import")),
            path(f"{s}/template.xlsx", self.template_view, name=self.url_name("template")),
            path(f"{s}/<int:pk>/", self.detail_view, name=self.url_name("detail")),
            path(f"{s}/<int:pk>/edit/", self.edit_view, name=self.url_name("edit")),
            path(f"{s}/<int:pk>/attachments/", self.attach_view, name=self.url_name("attach")),
            path(f"{s}/<int:pk>/attachments/<int:attachment>/", self.attachment_view,
                 name=self.url_name("attachment")),
            *([path(f"{s}/<int:pk>/<slug:step>/", self.action_view, name=self.url_name("action"))]
              if self.actions else []),
        ]

    def _queryset(self, request):
        return readable_queryset(request.user, self.model._default_manager.all(), self.scope_field,
                                 self.public_read, request.method)

    def _ns(self, request, view: str) -> str:
        return f"{self.namespace}:{self.url_name(view)}"

    def detail_url(self, obj) -> str:
        """URL of ``obj``'s detail page (models may use it as ``get_absolute_url``)."""
        return reverse(f"{self.namespace}:{self.url_name('detail')}", args=[obj.pk])

    def list_view(self, request):
        if not self.public_read and not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        filterset = self.filterset_class(request.GET or None, queryset=self._queryset(request))
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        if request.GET.get("export") == "xlsx":
            return self._export(qs)
        if request.GET.get("export") in gisfiles.FORMATS and registry_gis.geometry_fields(self):
            return registry_gis.export_response(self, qs, request.GET["export"], request.GET.get("crs") or gisfiles.WGS84)
        table = self.table_class(qs)
        tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
        return render(request, "registry/list.html", {
            "config": self, "filter": filterset, "table": table, "count": qs.count(),
            "create_url": reverse(self._ns(request, "create")) if self.can_create(request.user) else None,
            "import_url": reverse(self._ns(request, "import")) if self.can_create(request.user) else None,
            "template_url": reverse(self._ns(request, "template")),
            "title": self.model._meta.verbose_name_plural,
            "gis_formats": list(gisfiles.FORMATS.values()) if registry_gis.geometry_fields(self) else [],
            "gis_crs": list(gisfiles.EXPORT_CRS.items()),
        })

    def detail_view(self, request, pk: int):
        if not self.public_read and not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        obj = get_object_or_404(self._queryset(request), pk=pk)
        rows = [(f.verbose_name, _display(obj, f)) for f in self.model._meta.fields
                if f.name not in HIDDEN_ON_DETAIL]
        signed_in = request.user.is_authenticated  # a disclosed record: its fields only, no history or files
        history = obj.history.select_related("history_user")[:50] if hasattr(obj, "history") and signed_in else []
        extra = self.detail_context(request, obj) if self.detail_context else {}
        editable = can_edit(request.user, obj, self.scope_field)
        runnable = [a for a in self.actions if a.available(obj)
                    and step_refusal(request.user, obj, a.name, self.scope_field) is None]
        return render(request, self.detail_template, {**extra,
            "config": self, "object": obj, "rows": rows, "history": history,
            "edit_url": reverse(self._ns(request, "edit"), args=[obj.pk]) if editable else None,
            "attachments": Attachment.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                                     object_id=obj.pk).order_by("uploaded_at")
            if signed_in else Attachment.objects.none(),
            "attach_url": reverse(self._ns(request, "attach"), args=[obj.pk]) if editable else None,
            "step_links": [(a.label, reverse(self._ns(request, "action"), args=[obj.pk, a.name]))
                           for a in runnable],
            "list_url": reverse(self._ns(request, "list")), "title": self.model._meta.verbose_name,
            "list_title": self.model._meta.verbose_name_plural,
        })

    @staticmethod
    def _stale_error(form, exc) -> None:
        form.add_error(None, exc.messages[0])

    def edit_view(self, request, pk: int | None = None):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        obj = get_object_or_404(self._queryset(request), pk=pk) if pk else None
        if obj is None and not self.can_create(request.user):
            raise PermissionDenied(_("You may not add to this registry."))
        if obj is not None and not can_edit(request.user, obj, self.scope_field):
            raise PermissionDenied(_("You may not edit this record."))
        before = type(obj)._default_manager.get(pk=obj.pk) if obj is not None else None
        # A new record may be prefilled from the query string (e.g. a supervision order raised from a lagging task).
        initial = {k: v for k, v in request.GET.items() if k in self.editable_fields} if obj is None else None
        form = self.form_class(request.POST or None, instance=obj, initial=initial)
        if request.method == "POST" and form.is_valid():
            instance = form.save(commit=False)
            m2m = {f.name: form.cleaned_data[f.name] for f in self.model._meta.many_to_many
                   if f.name in form.cleaned_data}
            denied, errors = self.refusal(request.user, instance, before, m2m)
            if denied:
                raise PermissionDenied(denied)
            for name, reason in errors.items():
                form.add_error(name if name in form.fields else None, reason)
        if request.method == "POST" and form.is_valid():
            try:
                expected = int(request.POST["revision"]) if obj is not None else None
                instance.save(expected_revision=expected)
                form.save_m2m()
            except StaleEditError as exc:
                self._stale_error(form, exc)
            else:
                return redirect(self._ns(request, "detail"), pk=instance.pk)
        return render(request, "registry/form.html", {
            "config": self, "form": form, "object": obj, "revision": getattr(obj, "revision", 0),
            "title": self.model._meta.verbose_name,
        })

    def action_view(self, request, pk: int, step: str):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        obj = get_object_or_404(self._queryset(request), pk=pk)
        action = next((a for a in self.actions if a.name == step), None)
        if action is None:
            raise Http404(step)
        refusal = step_refusal(request.user, obj, action.name, self.scope_field)
        if refusal:
            raise PermissionDenied(refusal)
        form = action.form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = action.run(obj, request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                return redirect(result.get_absolute_url() if hasattr(result, "get_absolute_url")
                                else self.detail_url(obj))
        return render(request, "registry/action.html", {
            "config": self, "form": form, "object": obj, "action": action, "detail_url": self.detail_url(obj),
            "title": self.model._meta.verbose_name})

    def attach_view(self, request, pk: int):
        """POST ``file`` (and ``title``): attach a document to the record."""
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        obj = get_object_or_404(self._queryset(request), pk=pk)
        if request.method != "POST" or not can_edit(request.user, obj, self.scope_field):
            raise PermissionDenied(_("You may not edit this record."))
        upload = request.FILES.get("file")
        if upload is None or upload.size > settings.SOILGW_MAX_UPLOAD_BYTES:
            return HttpResponse(_("Choose a file no larger than %(n)s bytes.") % {"n": settings.SOILGW_MAX_UPLOAD_BYTES},
                                status=400)
        Attachment.objects.create(target=obj, file=upload, title=request.POST.get("title", "")[:200] or upload.name,
                                  uploaded_by=request.user)
        return redirect(self._ns(request, "detail"), pk=obj.pk)

    def attachment_view(self, request, pk: int, attachment: int):
        """Download an attachment of a record the user may read (signed-in users only)."""
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        obj = get_object_or_404(self._queryset(request), pk=pk)
        found = get_object_or_404(Attachment, pk=attachment, object_id=obj.pk,
                                  content_type=ContentType.objects.get_for_model(obj))
        return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.file.name.rsplit("/", 1)[-1])

    def import_view(self, request):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if not self.can_create(request.user):
            raise PermissionDenied(_("You may not import into this registry."))
        if request.method == "POST" and request.FILES.get("file"):
            f = request.FILES["file"]
            dept = memberships(request.user)[0].department if memberships(request.user) else None
            options = {"crs": request.POST["crs"]} if request.POST.get("crs") in gisfiles.IMPORT_CRS else {}
            batch = jobs.import_upload(self.import_kind.kind, f.name, f.read(), request.user, department=dept,
                                       options=options)
            return redirect("import_batch", pk=batch.pk)
        return render(request, "registry/import.html", {
            "config": self, "title": self.model._meta.verbose_name_plural, "headers": self.headers(),
            "template_url": reverse(self._ns(request, "template")),
            "accept": ",".join(self.import_kind.extensions),
            "crs_choices": registry_gis.crs_choices() if registry_gis.geometry_fields(self) else []})

    def template_view(self, request):
        if not request.user.is_authenticated or not (is_internal(request.user) or self.public_read):
            raise PermissionDenied
        return _xlsx_response(self.template_xlsx(), f"{self.slug}_template.xlsx")

    # ---- Excel -----------------------------------------------------------------------------------------
    def _row_values(self, obj) -> list:
        values = []
        for name in self.editable_fields:
            f = self.model._meta.get_field(name)
            value = getattr(obj, name)
            if f.many_to_many:  # one cell: the related objects' lookup values joined by "、"
                lookup = self.fk_lookups.get(name, "pk")
                value = "、".join(str(getattr(o, lookup)) for o in value.all())
            elif f.is_relation and value is not None:
                lookup = self.fk_lookups.get(name)
                value = getattr(value, lookup) if lookup else value.pk
            elif f.choices or isinstance(f, ChoiceListField):  # by name, as the import reads it back
                value = getattr(obj, f"get_{name}_display")()
            elif isinstance(value, dt.date):  # ISO text: an Excel date cell would read back with a time
                value = value.isoformat()
            elif isinstance(f, models.JSONField) and value is not None:
                import json

                value = json.dumps(value, ensure_ascii=False)
            values.append(value)
        return values

    def _export(self, queryset) -> HttpResponse:
        df = pd.DataFrame([self._row_values(o) for o in queryset], columns=self.headers())
        return _xlsx_response(frames_to_xlsx({self.model._meta.verbose_name_plural: df}), f"{self.slug}.xlsx")

    def template_xlsx(self) -> bytes:
        """The import template: drop-downs, a 填写说明 sheet and an example row (``registry_template``)."""
        from .registry_template import template_xlsx

        return template_xlsx(self)

    # ---- import ------------------------------------------------------------------------------------------
    def _parse(self, path: Path, filename: str, options: dict, user) -> imports.Parsed:
        parsed = imports.Parsed(payload=[])
        columns = {**{f: f for f in self.editable_fields}, **self.import_columns}
        Form = self.form_class
        if registry_gis.is_gis_upload(self, filename):  # one layer; feature n is row n
            sources, first_row = registry_gis.tables(self, path, filename, options, parsed), 1
            gis_problems = len(parsed.problems)
        else:  # sheets: the header is row 1
            sources, first_row = imports.read_sheets(path, filename).items(), 2
        for sheet, df in sources:
            df = df.rename(columns=lambda c: str(c).strip())
            unknown = [c for c in df.columns if c not in columns and not c.startswith("Unnamed")]
            if unknown:
                parsed.problems.append(imports.Problem(
                    _("unknown column(s) %(unknown)s; the columns are %(expected)s")
                    % {"unknown": "、".join(unknown), "expected": "、".join(self.headers())}, filename, sheet))
                continue
            keys_seen: dict[tuple, int] = {}
            for i, raw in enumerate(df.to_dict("records")):
                imports.check_time()
                row_no = i + first_row
                data = {columns[c]: (v.strip() if isinstance(v, str) else v) for c, v in raw.items() if c in columns}
                for name in self.editable_fields:  # a missing column or blank cell takes the model default
                    f = self.model._meta.get_field(name)
                    if data.get(name, "") == "" and not f.many_to_many and f.has_default():
                        data[name] = f.get_default()
                problems = []
                try:
                    data = _read_booleans(self.model, data)
                    data = _read_choices(self.model, data)
                    data = self.row_hook(dict(data)) if self.row_hook else data
                    if self.row_warnings:
                        parsed.warnings += [imports.Problem(w, filename, sheet, row_no)
                                            for w in self.row_warnings(data)]
                    data = self._resolve_fks(data)
                except ValueError as exc:
                    col, _sep, reason = str(exc).partition(": ")
                    problems.append(imports.Problem(reason or col, filename, sheet, row_no,
                                                    self.column_header(col) if reason else ""))
                instance = None
                if not problems and self.natural_key:
                    key = tuple(data.get(k) for k in self.natural_key)
                    if key in keys_seen:
                        problems.append(imports.Problem(
                            _("same %(key)s as row %(row)s")
                            % {"key": "、".join(self.column_header(k) for k in self.natural_key), "row": keys_seen[key]},
                            filename, sheet, row_no, self.column_header(self.natural_key[0])))
                    keys_seen[key] = row_no
                    instance = self._existing(dict(zip(self.natural_key, key, strict=True)))
                    if instance is not None and not can_edit(user, instance, self.scope_field):
                        problems.append(imports.Problem(_("you may not change this existing record"), filename,
                                                        sheet, row_no))
                if not problems:
                    before = self._existing(dict(zip(self.natural_key, key, strict=True))) if instance else None
                    form = Form(data=data, instance=instance)
                    if form.is_valid():
                        m2m = {f.name: form.cleaned_data[f.name] for f in self.model._meta.many_to_many
                               if f.name in form.cleaned_data}
                        denied, errors = self.refusal(user, form.instance, before, m2m)
                        if denied:
                            problems.append(imports.Problem(denied, filename, sheet, row_no))
                        problems += [imports.Problem(reason, filename, sheet, row_no, self.column_header(name))
                                     for name, reason in errors.items()]
                        if not problems:
                            parsed.payload.append(form)
                    else:
                        for name, errs in form.errors.items():
                            col = "" if name == "__all__" else self.column_header(name)
                            problems += [imports.Problem(str(e), filename, sheet, row_no, col) for e in errs]
                parsed.problems.extend(problems)
        if registry_gis.is_gis_upload(self, filename):
            parsed.problems = registry_gis.drop_echoes(self, parsed.problems, gis_problems)
        parsed.row_count = len(parsed.payload)
        return parsed

    def column_header(self, name: str) -> str:
        """The column a field is read from, as :meth:`headers` heads it."""
        return next((h for h, f in reversed(self.import_columns.items()) if f == name), name)

    def _existing(self, key: dict):
        """The record with this natural key, or None (also when a key cell is malformed: the form reports it)."""
        try:
            return self.model._default_manager.filter(**key).first()
        except (ValidationError, ValueError, TypeError):
            return None

    def _resolve_fks(self, data: dict) -> dict:
        for name, value in list(data.items()):
            f = self.model._meta.get_field(name)
            if not f.is_relation or value in ("", None):
                continue
            lookup = self.fk_lookups.get(name, "pk")
            if f.many_to_many:  # a cell listing several, separated by 、 , ; (full or half width)
                data[name] = [self._resolve_one(f, name, lookup, v.strip())
                              for v in re.split(r"[、,，;；]", str(value)) if v.strip()]
                continue
            data[name] = self._resolve_one(f, name, lookup, value)
        return data

    @staticmethod
    def _resolve_one(f, name: str, lookup: str, value) -> int:
        match = f.related_model._default_manager.filter(**{lookup: value}).first()
        if match is None:
            raise ValueError(f"{name}: " + _("no %(model)s '%(value)s'")
                             % {"model": f.related_model._meta.verbose_name, "value": value})
        return match.pk

    def _commit(self, parsed: imports.Parsed, batch, user) -> dict:
        created = 0
        for form in parsed.payload:
            created += form.instance.pk is None
            form.save()
        return {"created": created, "updated": len(parsed.payload) - created}


def _form_errors(form, exc: ValidationError) -> None:
    """Put a model's ValidationError on the step form (fields the form lacks become non-field errors)."""
    if hasattr(exc, "error_dict"):
        for name, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(name if name in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _api_action(step: RegistryAction, model: type[models.Model]):
    """The viewset method of a step: POST the step form's fields; 400 with the errors when refused."""
    from rest_framework.decorators import action as drf_action
    from rest_framework.response import Response

    def run(view, request, pk=None):
        obj = view.get_object()
        refusal = step_refusal(request.user, obj, step.name, getattr(view, "scope_field", None))
        if refusal:
            return Response({"detail": refusal}, status=403)
        form = step.form(request.data)
        if not form.is_valid():
            return Response(form.errors, status=400)
        try:
            result = step.run(obj, request.user, **form.cleaned_data)
        except ValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            return Response(detail, status=400)
        return Response({"id": result.pk, "model": result._meta.label_lower, "label": str(result)})

    run.__name__ = f"step_{step.name.replace('-', '_')}"
    schema = extend_schema(request=_form_serializer(step, model), responses={200: StepResult})
    return schema(drf_action(detail=True, methods=["post"], url_path=step.name, url_name=step.name)(run))


class StepResult(serializers.Serializer):
    """What a step's API action returns: the record to show next."""

    id = serializers.IntegerField()
    model = serializers.CharField()
    label = serializers.CharField()


def _form_serializer(step: RegistryAction, model: type[models.Model]) -> type[serializers.Serializer]:
    """A serializer mirroring the step form's fields, so the OpenAPI schema documents the step's request."""
    def field(f: forms.Field) -> serializers.Field:
        opts = {"required": f.required, "label": f.label}
        if isinstance(f, forms.ModelChoiceField):
            return serializers.PrimaryKeyRelatedField(queryset=f.queryset, **opts)
        if isinstance(f, forms.ChoiceField):
            return serializers.ChoiceField(choices=f.choices, **opts)
        if isinstance(f, forms.BooleanField):
            return serializers.BooleanField(**opts)
        if isinstance(f, forms.DateField):
            return serializers.DateField(**opts)
        if isinstance(f, forms.DecimalField):  # before IntegerField, its base class
            return serializers.DecimalField(max_digits=f.max_digits, decimal_places=f.decimal_places, **opts)
        if isinstance(f, forms.IntegerField):
            return serializers.IntegerField(**opts)
        return serializers.CharField(**opts)

    fields = {name: field(f) for name, f in step.form.base_fields.items()}
    name = model.__name__ + "".join(part.title() for part in step.name.split("-")) + "StepRequest"
    return type(name, (serializers.Serializer,), fields)


def _validate_with_model_clean(serializer, attrs: dict) -> dict:
    """API writes obey the model's cross-field rules (``clean()``) like the forms do; 400 names the field."""
    import copy

    instance = copy.copy(serializer.instance) if serializer.instance is not None else serializer.Meta.model()
    m2m = {f.name for f in serializer.Meta.model._meta.many_to_many}
    for name, value in attrs.items():
        if name not in m2m:
            setattr(instance, name, value)
    try:
        instance.clean()
    except ValidationError as exc:
        raise serializers.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}) from None
    return attrs


def _unsaved(serializer, instance=None):
    """The record as it would be saved (many-to-many links left out), to check it stays in the user's scope."""
    import copy

    obj = copy.copy(instance) if instance is not None else serializer.Meta.model()
    m2m = {f.name for f in serializer.Meta.model._meta.many_to_many}
    for name, value in serializer.validated_data.items():
        if name not in m2m:
            setattr(obj, name, value)
    return obj


def _checked_save(config: RegistryConfig, view, serializer):
    """Save an API write after the policy check of ``RegistryConfig.refusal`` (403 or 400 naming the rule)."""
    from rest_framework.exceptions import PermissionDenied as ApiDenied
    from rest_framework.exceptions import ValidationError as ApiInvalid

    before = serializer.instance
    if before is not None:
        before = type(before)._default_manager.get(pk=before.pk)
    m2m = {f.name: serializer.validated_data[f.name] for f in config.model._meta.many_to_many
           if f.name in serializer.validated_data}
    denied, errors = config.refusal(view.request.user, _unsaved(serializer, serializer.instance), before, m2m)
    if denied:
        raise ApiDenied(denied)
    if errors:
        raise ApiInvalid({name: [reason] for name, reason in errors.items()})
    serializer.save()


#: How sheets write yes and no (Chinese and English; Excel's TRUE/FALSE arrive as text).
BOOLEAN_WORDS = {**dict.fromkeys(("是", "有", "yes", "y", "true", "1", "✔", "√"), True),
                 **dict.fromkeys(("否", "无", "no", "n", "false", "0", "✘", "×"), False)}


def _read_booleans(model, data: dict) -> dict:
    """Turn yes/no cells of boolean fields into booleans; raise ``ValueError("field: reason")`` otherwise."""
    for name, value in data.items():
        f = model._meta.get_field(name)
        if isinstance(f, models.BooleanField) and isinstance(value, str):
            word = value.strip().lower()
            if word == "":  # blank: unknown where the field allows it, else no
                data[name] = None if f.null else False
                continue
            if word not in BOOLEAN_WORDS:
                raise ValueError(f"{name}: " + _("'%(value)s' is not yes/no (是/否)") % {"value": value})
            data[name] = BOOLEAN_WORDS[word]
    return data


def _read_choices(model, data: dict) -> dict:
    """Turn a choice label (Chinese or English, as the export writes it) into its code, and a cell listing
    several choices (``ChoiceListField``) into their codes; other text unchanged."""
    for name, value in data.items():
        f = model._meta.get_field(name)
        if isinstance(f, ChoiceListField) and isinstance(value, str):
            data[name] = f.items(value)
        elif f.choices and isinstance(value, str):
            data[name] = choices_by_name(f.flatchoices).get(value, value)
    return data


#: The bounding box a spatial model keeps only to index its geometry: neither shown nor offered as a filter.
BBOX_FIELDS = frozenset({"min_lon", "min_lat", "max_lon", "max_lat"})
#: Columns a record page leaves out: keys and the bounding box.
HIDDEN_ON_DETAIL = frozenset({"id", "revision"}) | BBOX_FIELDS

#: GeoJSON geometry types as a reader names them.
GEOMETRY_NAMES = {
    "Point": pgettext_lazy("geometry", "point"), "MultiPoint": pgettext_lazy("geometry", "points"),
    "LineString": pgettext_lazy("geometry", "line"), "MultiLineString": pgettext_lazy("geometry", "lines"),
    "Polygon": pgettext_lazy("geometry", "polygon"), "MultiPolygon": pgettext_lazy("geometry", "polygons"),
}


def _display(obj, f) -> Any:
    """A field's value as the detail page shows it: choice labels, 是/否, a geometry named, not dumped."""
    if f.choices or isinstance(f, ChoiceListField):
        return getattr(obj, f"get_{f.name}_display")()
    value = getattr(obj, f.name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(f, models.JSONField) and isinstance(value, dict) and value.get("type") in GEOMETRY_NAMES:
        return _("%(kind)s (GeoJSON in the API and the Excel export)") % {"kind": GEOMETRY_NAMES[value["type"]]}
    return value


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
