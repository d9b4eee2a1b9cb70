"""Sites built once per test session and shared by the site and browser tests (temporary folders).

The fixture site is built from ``tests/fixtures/site`` (invented data, with its own small concept scheme);
the bundled site from the project's own ``statutes/``, exactly as ``lexgap site`` builds it.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from lexgap import site
from lexgap.load import ONTOLOGY_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "site"
FIXTURE_STATUTES = FIXTURE / "statutes"
FIXTURE_ONTOLOGY = (ONTOLOGY_DIR / "lexgap.ttl", FIXTURE / "concepts.ttl")


def temporary(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.cache
def fixture_site() -> tuple[Path, site.BuildReport]:
    out = temporary("lexgap-fixture-site-") / "site"
    return out, site.build(out=out, statutes=FIXTURE_STATUTES, ontology=FIXTURE_ONTOLOGY)


@functools.cache
def bundled_site() -> tuple[Path, site.BuildReport]:
    out = temporary("lexgap-bundled-site-") / "site"
    return out, site.build(out=out)
