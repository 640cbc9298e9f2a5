"""``soilgw`` — the command-line entry point.

Science subcommands (``assess``, ``trend``, ``stats``, ``risk``, ``krige``) call the pure core and never touch the
database; ``serve`` runs the web platform; every other word is a Django management command
(``soilgw migrate``, ``soilgw createsuperuser``, ``soilgw load-county-data`` …).

Exit status: 0 ok, 2 invalid input or usage, 1 internal error.
"""

from __future__ import annotations

import importlib
import os
import sys

#: Subcommands that run without Django: name → module exposing ``main(argv: list[str]) -> int``.
SCIENCE_COMMANDS = {
    "assess": "soilgw.commands.assess",
    "trend": "soilgw.commands.trend",
    "stats": "soilgw.commands.stats",
    "risk": "soilgw.commands.risk",
    "krige": "soilgw.commands.krige",
}


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soilgw.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    if argv and not argv[0].startswith("-") and argv[0] != "help" and argv[0] not in get_commands():
        print(f"soilgw: unknown command {argv[0]!r}; see 'soilgw --help' and 'soilgw help'", file=sys.stderr)
        return 2
    try:
        execute_from_command_line(["soilgw", *argv])
    except SystemExit as exc:  # management commands exit 1 on CommandError; keep their code
        return int(exc.code or 0)
    return 0


def _serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="soilgw serve", description="Serve the platform.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    return _django(["runserver", "--noreload", f"{args.host}:{args.port}"])


def main(argv: list[str] | None = None) -> int:
    """Run ``soilgw`` with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        print("\nscience commands: " + ", ".join(sorted(SCIENCE_COMMANDS)) + ", serve")
        print("platform commands: soilgw help")
        return 0
    name, rest = argv[0], argv[1:]
    if name in SCIENCE_COMMANDS:
        module = importlib.import_module(SCIENCE_COMMANDS[name])
        try:
            return int(module.main(rest) or 0)
        except SystemExit as exc:  # argparse usage errors exit 2
            return int(exc.code or 0)
    if name == "serve":
        try:
            return _serve(rest)
        except SystemExit as exc:
            return int(exc.code or 0)
    # Management commands are modules (load_county_data); the CLI also takes them hyphenated.
    return _django([name.replace("-", "_"), *rest])


if __name__ == "__main__":
    sys.exit(main())
