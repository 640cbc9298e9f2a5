"""``soilgw worker [--worker-id ID] [db_worker options]`` — run background jobs (soilgw.core.jobs).

The database task backend's worker, after marking failed the jobs that died: the running jobs of a worker
that restarted under the same id and every running job with no progress for ``SOILGW_JOB_TIMEOUT`` seconds.
Run several workers with distinct ``--worker-id`` values to run jobs in parallel.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from soilgw.core import jobs


class Command(DbWorkerCommand):
    help = "Run background jobs (marks the jobs of a dead worker failed first)."

    def handle(self, *args, **options):
        marked = jobs.fail_stale(worker_id=options["worker_id"])
        if marked and options["verbosity"]:
            self.stdout.write(f"marked {marked} dead job(s) failed")
        return super().handle(*args, **options)
