"""Import batches are evidence: the Django admin shows them but cannot add, change or delete them."""

from __future__ import annotations

import pytest

from soilgw.core.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_import_batches_are_read_only_in_the_admin(client, make_user):
    admin = make_user("root", is_superuser=True, is_staff=True)
    batch = ImportBatch.objects.create(kind="k", filename="a.xlsx", raw_file="imports/a.xlsx", sha256="0" * 64,
                                       size=1, status="validated", uploaded_by=admin)
    client.force_login(admin)
    assert client.get(f"/admin/core/importbatch/{batch.pk}/change/").status_code == 200  # view only
    resp = client.post(f"/admin/core/importbatch/{batch.pk}/change/", {"kind": "other", "filename": "b.xlsx"})
    assert resp.status_code == 403
    assert client.post(f"/admin/core/importbatch/{batch.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/core/importbatch/add/").status_code == 403
    batch.refresh_from_db()
    assert batch.kind == "k"
