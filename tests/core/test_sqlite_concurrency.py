"""20 concurrent writers on a file SQLite database get no "database is locked" (WAL, busy timeout and
transactions that take the write lock when they begin, so no reader has to upgrade its lock mid-way)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

WRITERS = textwrap.dedent("""
    import os, threading, django
    django.setup()
    from django.db import connection, transaction

    with connection.cursor() as c:
        c.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
        c.execute("INSERT INTO counter VALUES (1, 0)")
    errors = []

    def writer():
        from django.db import connection
        try:
            for _ in range(10):
                with transaction.atomic():  # read, then write: the pattern that deadlocks deferred transactions
                    with connection.cursor() as c:
                        c.execute("SELECT n FROM counter WHERE id = 1")
                        n = c.fetchone()[0]
                        c.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with connection.cursor() as c:
        c.execute("SELECT n FROM counter WHERE id = 1")
        mode = c.execute("PRAGMA journal_mode").fetchone()[0]
        print(c.execute("SELECT n FROM counter WHERE id = 1").fetchone()[0], mode, len(errors), errors[:1])
""")


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "sqlite").split(":")[0] != "sqlite", reason="SQLite only")
def test_twenty_concurrent_writers_on_a_file_database(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "soilgw.settings", "SOILGW_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'writers.sqlite3'}"}
    out = subprocess.run([sys.executable, "-c", WRITERS], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[:3] == ["200", "wal", "0"], out.stdout  # every increment kept, none refused
