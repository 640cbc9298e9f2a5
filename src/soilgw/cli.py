"""``soilgw`` — the command-line entry point.

Science subcommands (``assess``, ``trend``, ``stats``, ``risk``, ``krige``) call the pure core and never touch the
database; ``serve`` runs the web platform; every other word is a Django management command
(``soilgw migrate``, ``soilgw createsuperuser``, ``soilgw load-county-data`` …).

Exit status: 0 ok, 2 invalid input or usage, 1 internal error.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import subprocess
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
    parser.add_argument("--no-worker", action="store_true", help="do not start a background-job worker")
    args = parser.parse_args(argv)
    worker = None if args.no_worker else _start_worker(f"serve-{args.port}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the worker is stopped below
    try:
        return _django(["runserver", "--noreload", f"{args.host}:{args.port}"])
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _start_worker(worker_id: str) -> subprocess.Popen:
    """One background-job worker beside the server; on Linux it also dies if the server is killed."""
    def die_with_parent():
        try:
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    return subprocess.Popen([sys.executable, "-m", "soilgw.cli", "worker", "--worker-id", worker_id, "-v", "0"],
                            preexec_fn=die_with_parent if sys.platform == "linux" else None)


def main(argv: list[str] | None = None) -> int:
    """Run ``soilgw`` with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        print("\nscience commands: " + ", ".join(sorted(SCIENCE_COMMANDS)) + ", serve")
        print("platform commands: soilgw help")
        return 0
    if argv[0] in {"-V", "--version"}:
        from importlib.metadata import version

        print(f"soilgw {version('soilgw')}")
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
