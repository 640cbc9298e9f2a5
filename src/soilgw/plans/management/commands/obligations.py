"""``soilgw obligations refresh [--rule ID …] [--as-of YYYY-MM-DD]`` and ``soilgw obligations check``."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from soilgw.core import jobs
from soilgw.plans.obligations import engine
from soilgw.plans.obligations.rules import RULES_FILE, RuleError, load_rules


class Command(BaseCommand):
    help = "Recompute obligations from the rules (refresh) or validate the rules file (check)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh", "check"])
        parser.add_argument("--rule", action="append", dest="rules", help="only this rule id (repeatable)")
        parser.add_argument("--as-of", dest="as_of", help="judge on this date instead of SOILGW_AS_OF / today")
        parser.add_argument("--background", action="store_true", help="queue the refresh as a background job")

    def handle(self, *args, action, rules=None, as_of=None, background=False, **options):
        try:
            loaded, version = load_rules()
        except RuleError as exc:
            raise CommandError(f"{RULES_FILE}: {exc}") from None
        if action == "check":
            self.stdout.write(f"{len(loaded)} rules valid (version {version})")
            return
        on = None
        if as_of:
            try:
                on = dt.date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
        if background:
            job = jobs.start("obligations.refresh", rule_ids=rules, as_of=on.isoformat() if on else None)
            self.stdout.write(f"background job #{job.pk} ({job.get_status_display()}): /jobs/{job.pk}/")
            return
        try:
            counts = engine.refresh(rules, on=on)
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from None
        self.stdout.write(", ".join(f"{k} {counts.get(k, 0)}" for k in
                                    ("open", "done", "overdue", "created", "updated", "deleted")))
