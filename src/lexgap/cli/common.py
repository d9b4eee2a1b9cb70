"""What every command shares: one-line errors, exit codes, and output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import Any, Iterable, Sequence

import typer
from rich.console import Console
from rich.table import Table

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class UserError(Exception):
    """A mistake in the user's input or data: printed as one line, exit 2."""


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``message`` as one line on stderr and return the Exit to raise."""
    print(" ".join(str(message).split()) if "\n" not in str(message) else str(message), file=sys.stderr)
    return typer.Exit(code)


def run(app: typer.Typer) -> int:
    """Run the Typer app standalone; map known errors to one line and exit 2."""
    from ..load import LoadError

    try:
        # Outside standalone mode click *returns* the code of a typer.Exit raised by a command.
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except (UserError, LoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except typer.Abort:
        return 130
    except typer.TyperException as exc:  # usage errors: typer ships its own click, so not click's classes
        if hasattr(exc, "show"):
            exc.show()
            return EXIT_BAD_INPUT
        raise
    return code if isinstance(code, int) else EXIT_OK


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(row.get(k)) for k in columns})
    sys.stdout.write(buf.getvalue())


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_flat(row.get(c)) for c in columns))
    stdout.print(table)


def write_markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    def cell(v: Any) -> str:
        return _flat(v).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
    sys.stdout.write("\n".join(out) + "\n")


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, title: str | None = None) -> None:
    """Write rows in the chosen format (json writes the full objects; others the named columns)."""
    fmt = fmt.value if isinstance(fmt, Enum) else fmt
    if fmt == "json":
        write_json(list(rows))
    elif fmt == "csv":
        write_csv(rows, columns)
    elif fmt == "md":
        write_markdown(rows, columns)
    else:
        write_table(rows, columns, title)


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return "; ".join(_flat(v) for v in value)
    return str(value)


def parse_list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def iter_nonempty(values: Iterable[str]) -> list[str]:
    return [v for v in values if v]
