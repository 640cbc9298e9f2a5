"""``soilgw report quarterly --year 2023 --quarter 3 --out report.docx|report.xlsx [--as-of DATE] [--user NAME]``.

Writes the quarterly report (``plans.quarterly_files``; Word or Excel by the file's suffix), stores it as a
snapshot the plans dashboard lists, and prints its sha256. ``--as-of`` is the judging date (default the platform
clock, ``SOILGW_AS_OF``). Exit status 2 on bad input.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from soilgw.plans.quarterly_files import file_format, generate


class Command(BaseCommand):
    help = "Write the quarterly report (.docx or .xlsx) of a quarter and store it as a snapshot."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["quarterly"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--out", required=True, help="report.docx (Word) or report.xlsx (Excel)")
        parser.add_argument("--as-of", default="", help="judging date YYYY-MM-DD (default: the platform clock)")
        parser.add_argument("--user", default="", help="username recorded as the one who generated it")

    def handle(self, *args, kind, year, quarter, out, as_of="", user="", **options):
        try:
            fmt = file_format(out)
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        who = None
        if user:
            who = get_user_model().objects.filter(username=user).first()
            if who is None:
                raise CommandError(f"no user {user!r} / 用户不存在", returncode=2)
        stored, data = generate(year, quarter, fmt, as_of=day, user=who)
        path = Path(out)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{out}: {exc.strerror}", returncode=2) from None
        self.stdout.write(f"{path}  {year}Q{quarter}  as of {stored.as_of}  sha256 {stored.sha256}  "
                          f"(stored #{stored.pk})")
