"""Each step's documents: a decision document attached to a case, downloaded, refused to viewers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from soilgw.core.models import Attachment

from . import builders as b

pytestmark = pytest.mark.django_db


def test_attach_and_download_a_decision_document(county, eeb_editor, make_user, client):
    case, other = b.case(), b.case(number="T-LA-2")
    client.force_login(eeb_editor)
    url = reverse("enforcement:cases_attach", args=[case.pk])
    resp = client.post(url, {"title": "行政处罚决定书", "file": SimpleUploadedFile("decision.pdf", b"%PDF-1.4 x")})
    assert resp.status_code == 302
    att = Attachment.objects.get(object_id=case.pk)
    assert att.title == "行政处罚决定书" and att.uploaded_by == eeb_editor
    html = client.get(reverse("enforcement:cases_detail", args=[case.pk])).content.decode()
    download = reverse("enforcement:cases_attachment", args=[case.pk, att.pk])
    assert download in html and "行政处罚决定书" in html
    resp = client.get(download)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 x"
    assert client.get(reverse("enforcement:cases_attachment", args=[other.pk, att.pk])).status_code == 404
    viewer = make_user("viewer", "eeb", "viewer")
    client.force_login(viewer)
    assert client.get(download).status_code == 200  # readers may read
    resp = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"x")})
    assert resp.status_code == 403 and Attachment.objects.count() == 1
