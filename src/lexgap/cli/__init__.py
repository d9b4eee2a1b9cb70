"""The ``lexgap`` command: a thin layer over the Python API.

Each command group lives in its own module and registers itself on :data:`app`. Exit codes: 0 fine,
1 findings (violations, gaps with ``--fail-on``), 2 bad input.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="lexgap",
    help="Compare national cybercrime and child-online-protection law with international instruments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Command modules register on `app` when imported. Keep this list in the order commands appear in --help.
for _module in ("foundation", "instruments", "national", "gaps", "site", "network", "ingest"):
    try:
        __import__(f"{__name__}.{_module}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"{__name__}.{_module}":
            raise


def main() -> None:
    """Entry point: run the app; a user error is one line on stderr and exit 2, never a traceback."""
    from .common import run

    sys.exit(run(app))
