"""A worker killed (SIGKILL) while it stores a large import leaves nothing half-stored; the restarted worker
marks the job failed with the reason, and the retry stores the whole file once.

Real processes on a database of their own: a fresh SQLite file, or, when ``DATABASE_URL`` names PostgreSQL
(the CI rerun), a fresh database on that server. The steps run in tests/core/worker_kill_driver.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]
ROWS = 60_000  # enough that storing takes seconds, so the kill lands inside the transaction
WORKER_ID = "kill-worker"


@pytest.fixture
def database_url(tmp_path):
    """A database no other test uses: SQLite in ``tmp_path`` or a new PostgreSQL database (dropped after)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'kill.sqlite3'}"
        return
    import psycopg

    name = f"soilgw_kill_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def env(tmp_path, database_url):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "soilgw.settings", "DATABASE_URL": database_url,
            "SOILGW_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": os.pathsep.join(
                [str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _soilgw(env, *args, timeout=600):
    done = subprocess.run([sys.executable, "-m", "soilgw.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _driver(env, step, arg):
    done = subprocess.run([sys.executable, "-m", "tests.core.worker_kill_driver", step, str(arg)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _worker(env, *extra):
    return subprocess.Popen([sys.executable, "-m", "soilgw.cli", "worker", "--worker-id", WORKER_ID,
                             "--no-startup-delay", "--interval", "0.2", "-v", "0", *extra],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_worker_killed_mid_import_stores_nothing_and_the_retry_stores_it_once(env):
    _soilgw(env, "migrate", "--noinput", "-v", "0")
    ids = _driver(env, "setup", ROWS)
    worker = _worker(env)
    try:
        deadline = time.monotonic() + 300
        while _driver(env, "state", ids["batch"])["status"] != "running":
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the worker never started storing the batch"
            time.sleep(0.2)
        time.sleep(1.0)  # inside the storing transaction (it takes several seconds for ROWS results)
        killed = _driver(env, "state", ids["batch"])
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert killed["status"] == "running", "the batch was stored before the kill: raise ROWS"

    after = _driver(env, "state", ids["batch"])
    assert after["status"] == "running" and after["jobs"][0][0] == "running"
    assert not any(after["rows"].values()), f"half-stored rows after the kill: {after['rows']}"

    # the worker restarts under the same id: it marks the dead job failed first, then serves (--batch: exits)
    restarted = _worker(env, "--batch")
    assert restarted.wait(timeout=120) == 0, restarted.stderr.read().decode()[-2000:]
    failed = _driver(env, "state", ids["batch"])
    assert failed["status"] == "failed" and "restarted while this job ran" in failed["failure"]
    assert failed["jobs"][0][:2] == ["failed", failed["failure"]]
    assert not any(failed["rows"].values())

    _driver(env, "requeue", ids["batch"])  # the retry of the batch page
    again = _worker(env, "--batch")
    assert again.wait(timeout=600) == 0, again.stderr.read().decode()[-2000:]
    stored = _driver(env, "state", ids["batch"])
    assert stored["status"] == "accepted" and stored["jobs"] == [["succeeded", "", 2]]
    assert stored["rows"]["monitoring.Result"] == ROWS and stored["rows"]["monitoring.Sample"] == ROWS
