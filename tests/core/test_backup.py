"""Backup and restore: a backup restored into an empty database has the same rows (counts and checksums per
table) and the uploaded raw files."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from soilgw.core import backup, imports
from soilgw.core.models import ImportBatch

GOOD = "计划,任务编号,部门,年度,季度,状态,完成比例(%),进展情况\n土壤,1,市生态环境局绛县分局,2023,3,进行中,50,名录已更新\n"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL path runs pg_dump/pg_restore")
@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_gives_the_same_tables_and_files(county, make_user, tmp_path, settings):
    batch = imports.run_import("progress_reports", "q3.csv", GOOD.encode(), make_user("bk", "eeb", "editor"))
    assert batch.status == "accepted"
    out = tmp_path / "soilgw-backup.tar.gz"
    manifest = backup.backup(out)
    assert manifest["tables"]["core_department"]["rows"] == 23
    assert manifest["tables"]["plans_progressreport"]["rows"] == 1

    empty = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "empty.sqlite3")}, alias="empty")
    media = tmp_path / "media"
    try:
        assert empty.introspection.table_names() == []
        assert backup.restore(out, empty, media_root=media) == {}  # every table: same rows, same checksum
        restored = backup.table_checksums(empty.connection, empty.introspection.table_names())
        source = backup.table_checksums(connection.connection, connection.introspection.table_names())
        assert restored == source
    finally:
        empty.close()
    raw = media / ImportBatch.objects.get().raw_file.name
    assert raw.read_bytes() == GOOD.encode()


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    import tarfile

    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        (tmp_path / "x.txt").write_text("x")
        tar.add(tmp_path / "x.txt", "x.txt")
    with pytest.raises(ValueError, match="not a SoilGW backup"):
        backup.restore(bogus, media_root=tmp_path / "m")
