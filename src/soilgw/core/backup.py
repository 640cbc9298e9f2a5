"""Backup and restore of the whole platform: the database and the uploaded files (raw imports, attachments).

A backup is one ``.tar.gz`` holding ``database.sqlite3`` (SQLite's online backup API: consistent while the
server runs) or ``database.pgdump`` (``pg_dump --format=custom``), the ``media/`` tree and ``manifest.json``
with the row count and a checksum of every table, so a restore can prove it restored everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection as default_connection


def table_checksums(dbapi_connection, tables) -> dict[str, dict]:
    """``{table: {"rows": n, "sha256": hex}}`` over every row in a stable order (all columns sorted).

    ``dbapi_connection`` is a DB-API connection (sqlite3 or psycopg); values are hashed by their text form.
    """
    out = {}
    cur = dbapi_connection.cursor()
    for table in sorted(tables):
        cur.execute(f'SELECT * FROM "{table}"')  # table names come from the database's own catalogue
        rows = sorted(repr(tuple(str(v) for v in row)) for row in cur.fetchall())
        h = hashlib.sha256()
        for r in rows:
            h.update(r.encode())
        out[table] = {"rows": len(rows), "sha256": h.hexdigest()}
    return out


def _is_sqlite(connection) -> bool:
    return connection.vendor == "sqlite"


def _pg_env(connection) -> tuple[list[str], dict]:
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
    args = ["--host", str(s.get("HOST") or "localhost"), "--port", str(s.get("PORT") or 5432),
            "--username", str(s.get("USER") or ""), "--dbname", str(s["NAME"])]
    return args, env


def backup(out: Path, connection=default_connection) -> dict:
    """Write the backup ``out`` (.tar.gz). Returns the manifest. Raises ``CalledProcessError`` if pg_dump fails."""
    connection.ensure_connection()
    tables = connection.introspection.table_names()
    manifest = {"vendor": connection.vendor, "tables": table_checksums(connection.connection, tables)}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if _is_sqlite(connection):
            dump = tmp / "database.sqlite3"
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            dump = tmp / "database.pgdump"
            args, env = _pg_env(connection)
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args], env=env,
                           check=True)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out, "w:gz") as tar:
            tar.add(tmp / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, "media")
    return manifest


def restore(source: Path, connection=default_connection, media_root: Path | None = None) -> dict:
    """Replace the database and the uploaded files by the backup ``source``; returns
    ``{table: (expected, restored)}`` for every table whose rows or checksum differ (empty: all restored).

    Raises ``ValueError`` when the backup is of another database engine or lacks its manifest.
    """
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as tar:
        tmp = Path(tmp)
        tar.extractall(tmp, filter="data")  # the "data" filter refuses absolute paths and links out of tmp
        if not (tmp / "manifest.json").is_file():
            raise ValueError(f"{source}: not a SoilGW backup (no manifest.json)")
        manifest = json.loads((tmp / "manifest.json").read_text(encoding="utf-8"))
        if manifest["vendor"] != connection.vendor:
            raise ValueError(f"{source}: a {manifest['vendor']} backup cannot be restored into {connection.vendor}")
        connection.ensure_connection()
        if _is_sqlite(connection):
            dump = sqlite3.connect(tmp / "database.sqlite3")
            with dump:
                dump.backup(connection.connection)
            dump.close()
        else:
            args, env = _pg_env(connection)
            subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args,
                            str(tmp / "database.pgdump")], env=env, check=True)
        if (tmp / "media").is_dir():
            shutil.copytree(tmp / "media", media_root, dirs_exist_ok=True)
    restored = table_checksums(connection.connection, connection.introspection.table_names())
    return {t: (want, restored.get(t)) for t, want in manifest["tables"].items() if restored.get(t) != want}
