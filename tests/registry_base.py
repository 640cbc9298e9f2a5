"""Inherited tests for every registry model (STYLE §5, after NetBox's utilities/testing/views.py).

A registry test declares::

    class TestEnterpriseRegistry(RegistryTestBase):
        config = ENTERPRISE                  # the app's RegistryConfig
        api_url = "/api/enterprises/"
        editor_department = "eeb"            # a department whose editors may create and edit
        import_row = {"企业名称": "示例化工有限公司", ...}   # one valid new row (headers as the template);
                                             # it may refer to objects make_object() creates
        bad_import_row = {...}               # a row with one bad cell
        bad_column = "统一社会信用代码"       # the header the problem must name

        def make_object(self): ...           # create one valid object (fixtures: use self.request fixtures)

and gets: list/detail/create/edit/import/export/template pages, API list/detail with the filter set, a
filter for every field, change history on edit, whole-file rejection naming the row and column, an export
that imports again, and refusal for users without an editing role.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.db import models
from django.urls import reverse

from soilgw.core import imports
from soilgw.core.registry import BBOX_FIELDS, UNFILTERABLE


def _xlsx(rows: list[dict]) -> bytes:
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False)
    return buf.getvalue()


@pytest.mark.django_db
class RegistryTestBase:
    config = None
    api_url = ""
    editor_department = "eeb"
    import_row: dict = {}
    bad_import_row: dict = {}
    bad_column = ""

    def make_object(self):
        raise NotImplementedError

    @pytest.fixture
    def editor(self, county, make_user):
        return make_user(f"{self.config.slug}-editor", self.editor_department, "editor")

    @pytest.fixture
    def outsider(self, county, make_user):
        return make_user(f"{self.config.slug}-viewer", self.editor_department, "viewer")

    def url(self, view, *args):
        return reverse(f"{self.config.namespace}:{self.config.url_name(view)}", args=args)

    def test_pages(self, client, editor):
        obj = self.make_object()
        client.force_login(editor)
        for view, args in (("list", ()), ("create", ()), ("import", ()), ("detail", (obj.pk,)),
                           ("edit", (obj.pk,))):
            assert client.get(self.url(view, *args)).status_code == 200, view
        resp = client.get(self.url("template"))
        assert resp.status_code == 200 and resp.content.startswith(b"PK")

    def test_every_field_has_a_filter(self):
        """Every field but the geometry's index box (BBOX_FIELDS: the API's ``bbox=`` does that) is a filter."""
        filters = self.config.filterset_class.base_filters
        for f in self.config.model._meta.fields:
            if not isinstance(f, UNFILTERABLE) and f.name not in BBOX_FIELDS:
                assert f.name in filters, f"{self.config.model.__name__}.{f.name} has no filter"
        assert not BBOX_FIELDS & set(filters)

    def test_api_list_detail_and_filter(self, api_client, editor):
        obj = self.make_object()
        api_client.force_authenticate(editor)
        data = api_client.get(self.api_url).json()
        assert data["count"] >= 1
        assert api_client.get(f"{self.api_url}{obj.pk}/").status_code == 200
        assert api_client.get(f"{self.api_url}?id={obj.pk}").json()["count"] == 1

    def test_anonymous_api_refused_unless_public(self, api_client):
        expected = 200 if self.config.public_read else 401
        assert api_client.get(self.api_url).status_code == expected

    def test_edit_records_history_and_refuses_stale_save(self, client, editor):
        obj = self.make_object()
        client.force_login(editor)
        before = obj.history.count()
        form = self.config.form_class(instance=obj)
        data = {k: v for k, v in form.initial.items() if v is not None}
        # what the browser posts: the widget's value (JSON text for JSON fields, pks for related objects)
        data = {k: (v.pk if isinstance(v, models.Model) else form.fields[k].prepare_value(v) if k in form.fields else v)
                for k, v in data.items()}
        data["revision"] = obj.revision
        resp = client.post(self.url("edit", obj.pk), data)
        assert resp.status_code == 302, getattr(resp, "context", {}) and resp.context["form"].errors
        assert obj.history.count() == before + 1
        resp = client.post(self.url("edit", obj.pk), data)  # same (now stale) revision again
        assert resp.status_code == 200
        assert resp.context["form"].non_field_errors(), "a stale save must be refused with a form error"
        assert obj.history.count() == before + 1

    def test_viewer_may_not_create_or_edit(self, client, outsider):
        obj = self.make_object()
        client.force_login(outsider)
        assert client.get(self.url("create")).status_code == 403
        assert client.get(self.url("edit", obj.pk)).status_code == 403

    def test_import_rejects_whole_file_then_accepts_fixed(self, editor):
        self.make_object()  # rows may refer to what make_object creates (e.g. the linked enterprise)
        count = self.config.model._default_manager.count()
        batch = imports.run_import(self.config.import_kind.kind, "rows.xlsx",
                                   _xlsx([self.import_row, self.bad_import_row]), editor)
        assert batch.status == "rejected"
        problems = batch.report["problems"]
        assert {p["row"] for p in problems} == {3}, problems  # only the bad row, every problem of it
        assert any(p["column"] == self.bad_column for p in problems), problems
        assert self.config.model._default_manager.count() == count
        batch = imports.run_import(self.config.import_kind.kind, "rows.xlsx", _xlsx([self.import_row]), editor)
        assert batch.status == "accepted", batch.report
        assert self.config.model._default_manager.count() == count + 1

    def test_template_example_imports_as_is(self, client, editor):
        """Download the template and import it unchanged: its example row is accepted (issue #18 Excel)."""
        import openpyxl

        self.make_object()  # the example refers to registered records (the first site, township …)
        client.force_login(editor)
        resp = client.get(self.url("template"))
        book = openpyxl.load_workbook(io.BytesIO(resp.content))
        data = book.worksheets[0]
        assert [c.value for c in data[1]] == self.config.headers()
        assert data.freeze_panes == "A2" and data.max_row == 2  # frozen header, one example row
        guide = book["填写说明"]
        assert {r[0] for r in guide.iter_rows(values_only=True)} >= set(self.config.headers())
        validated = {rng.split(":")[0].rstrip("0123456789") for dv in data.data_validations.dataValidation
                     for rng in str(dv.sqref).split()}
        for i, name in enumerate(self.config.editable_fields, start=1):
            f = self.config.model._meta.get_field(name)
            if (f.choices or isinstance(f, models.BooleanField)) and not f.many_to_many:
                letter = openpyxl.utils.get_column_letter(i)
                assert letter in validated, f"{self.config.headers()[i - 1]} has no drop-down"
        count = self.config.model._default_manager.count()
        batch = imports.run_import(self.config.import_kind.kind, "template.xlsx", resp.content, editor)
        assert batch.status == "accepted", batch.report
        assert self.config.model._default_manager.count() in (count, count + 1)  # new, or the same key updated

    def test_export_imports_again(self, client, editor):
        self.make_object()
        client.force_login(editor)
        resp = client.get(self.url("list") + "?export=xlsx")
        assert resp.status_code == 200
        df = pd.read_excel(io.BytesIO(resp.content), dtype=str)
        assert list(df.columns) == self.config.headers()
        batch = imports.run_import(self.config.import_kind.kind, "export.xlsx", resp.content, editor)
        assert batch.status == "accepted", batch.report


def registry_test_classes() -> list[type[RegistryTestBase]]:
    """Every registry test class (each builds one valid record of its model)."""
    import importlib
    import pkgutil

    import tests

    found = []
    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if info.name.rsplit(".", 1)[-1].startswith("test_registr"):
            module = importlib.import_module(info.name)
            found += [c for c in vars(module).values() if isinstance(c, type) and issubclass(c, RegistryTestBase)
                      and c.config is not None and c.make_object is not RegistryTestBase.make_object]
    return found


def seed_registries() -> dict:
    """Store one record per registry model (land-use codes loaded first); returns {model: pk}."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from soilgw.sites.loaders import load_land_use_codes

    load_land_use_codes()
    made = {}
    for cls in registry_test_classes():
        try:
            with transaction.atomic():
                obj = cls().make_object()
        except (IntegrityError, ValidationError):  # builders of one model share a code: one record is enough
            continue
        made.setdefault(type(obj), obj.pk)
    return made
