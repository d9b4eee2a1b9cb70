"""Atomic outputs: a site build that fails at any point leaves the previous site exactly as it was,
and leaves no half-built or set-aside folders behind."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lexgap import site
from lexgap.load import LoadError
from site_build import FIXTURE_ONTOLOGY, FIXTURE_STATUTES, fixture_site


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def previous(tmp_path):
    """A finished site at tmp_path/site (a copy of the session's fixture build) and its snapshot."""
    built, _ = fixture_site()
    target = tmp_path / "site"
    shutil.copytree(built, target)
    before = snapshot(target)
    assert len(before) > 20
    return target, before


def assert_untouched(target: Path, before: dict[str, str]):
    assert snapshot(target) == before
    # Nothing half-built or set aside beside it.
    assert sorted(p.name for p in target.parent.iterdir()) == ["site"]


def build(target: Path, statutes: Path = FIXTURE_STATUTES):
    return site.build(out=target, statutes=statutes, ontology=FIXTURE_ONTOLOGY)


def test_mkdocs_failing_after_writing_pages_keeps_previous_site(previous, monkeypatch):
    import mkdocs.commands.build as mkdocs_build

    target, before = previous
    real = mkdocs_build.build
    written = []

    def build_then_fail(config, *args, **kwargs):
        real(config, *args, **kwargs)  # every page is written into the staging folder…
        written.extend(Path(config["site_dir"]).rglob("*.html"))
        raise RuntimeError("simulated failure after the pages were written")  # …then the build dies

    monkeypatch.setattr(mkdocs_build, "build", build_then_fail)
    with pytest.raises(RuntimeError, match="simulated"):
        build(target)
    assert len(written) > 10  # the failure really came halfway, with output on disk
    assert_untouched(target, before)


def test_mkdocs_abort_is_a_site_error_and_keeps_previous_site(previous, monkeypatch):
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.exceptions import Abort

    target, before = previous

    def abort(config, *args, **kwargs):
        (Path(config["site_dir"]) / "index.html").write_text("half")
        raise Abort("simulated abort")

    monkeypatch.setattr(mkdocs_build, "build", abort)
    with pytest.raises(site.SiteError, match="simulated abort"):
        build(target)
    assert_untouched(target, before)


def test_bad_data_keeps_previous_site(previous, tmp_path):
    target, before = previous
    statutes = tmp_path / "statutes"
    shutil.copytree(FIXTURE_STATUTES, statutes)
    broken = next(iter(sorted(statutes.rglob("*.ttl"))))
    broken.write_text(broken.read_text(encoding="utf-8") + "\nthis is not turtle .\n", encoding="utf-8")
    with pytest.raises(LoadError):
        build(target, statutes)
    shutil.rmtree(statutes)
    assert_untouched(target, before)


def test_failure_while_swapping_in_keeps_previous_site(previous, monkeypatch):
    target, before = previous
    real_rename = Path.rename

    def rename(self, destination):
        # The old site has been moved aside; putting the new one in place fails (disk full, say).
        if self.name.startswith(".site.building-"):
            raise OSError(28, "No space left on device (simulated)")
        return real_rename(self, destination)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        build(target)
    monkeypatch.undo()
    assert_untouched(target, before)


def test_cli_build_failure_exits_2_and_keeps_previous_site(previous, tmp_path, invoke):
    target, before = previous
    statutes = tmp_path / "statutes"
    shutil.copytree(FIXTURE_STATUTES, statutes)
    broken = next(iter(sorted(statutes.rglob("*.ttl"))))
    broken.write_bytes(b"\xff\xfe not utf-8")
    result = invoke("site", "--out", target, "--statutes", statutes)
    shutil.rmtree(statutes)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "UTF-8" in result.stderr and str(broken) in result.stderr
    assert_untouched(target, before)


def test_successful_rebuild_replaces_site_and_leaves_nothing_beside(previous):
    target, before = previous
    build(target)
    # Same data, same date: the same bytes, and nothing left beside it.
    assert_untouched(target, before)
