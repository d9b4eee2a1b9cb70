"""Shared test fixtures: the in-process CLI and the fixture folder (kept small; tests own the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lexgap.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
#: A small stand-in for ontology/concepts.ttl, so validation tests do not depend on the real scheme.
FIXTURE_CONCEPTS = FIXTURES / "concepts.ttl"
VALID_KB = FIXTURES / "valid"


@pytest.fixture
def invoke():
    """Run ``lexgap ARGS...`` in-process; the result has exit_code, stdout and stderr."""
    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, [str(a) for a in args])

    return run
