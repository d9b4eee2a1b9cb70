"""Downloads: the whole dataset (Turtle, JSON-LD, N-Triples), the gap matrix (CSV), each jurisdiction's
data (Turtle) and the SPARQL queries, with a page that lists them."""

from __future__ import annotations

import csv
import io
from typing import Iterator

from .. import dataset
from ..sitedata import SiteData
from . import paths
from .markup import block, esc, link, table
from .page import Page

CSV_COLUMNS = (
    "jurisdiction", "instrument", "article", "requirement", "ref", "concept", "status", "mandatory", "reservable",
    "provisions", "provision_ids", "failed_constraints", "undetermined_constraints", "reason", "as_of",
)
DESCRIPTIONS = {
    "turtle": "Turtle: the ontology, the concept scheme and every statute file, as one graph",
    "json-ld": "JSON-LD (expanded, one object per node): the same graph",
    "n-triples": "N-Triples, one triple per line, sorted: the same graph",
}


def gap_matrix_csv(data: SiteData) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in data.results:
        row = r.to_dict()
        writer.writerow(
            ["; ".join(row[c]) if isinstance(row[c], list) else ("true" if row[c] is True else "false" if row[c] is False else row[c]) for c in CSV_COLUMNS]
        )
    return buf.getvalue().encode("utf-8")


def _question(text: str) -> str:
    """The query's header line saying what it answers."""
    for line in text.splitlines():
        if line.startswith("# Question:"):
            return line[len("# Question:") :].strip()
    return ""


def files(data: SiteData) -> list[tuple[str, bytes, str]]:
    """Every download as (file name under downloads/, bytes, description)."""
    out = []
    # Each file is put in canonical order once; the whole dataset and each jurisdiction merge them.
    keyed = {f.rel: dataset.keyed_triples(f.triples) for f in data.data_files}
    whole = dataset.merge(keyed.values())
    for fmt, (_rdf, ext) in dataset.FORMATS.items():
        out.append((f"lexgap.{ext}", dataset.serialize(whole, fmt), DESCRIPTIONS[fmt]))
    out.append(("gap-matrix.csv", gap_matrix_csv(data), f"Every jurisdiction × requirement with status and reason, law as of {data.as_of}"))
    owned = dataset.jurisdiction_files(data.data_files)
    for j in data.jurisdictions:
        triples = dataset.merge(keyed[f.rel] for f in owned.get(j.iri, []))
        out.append(
            (f"jurisdictions/{j.code.lower()}.ttl", dataset.serialize(triples, "turtle"), f"{j.name}: provisions, review coverage and treaty status")
        )
    for name, text in data.queries:
        out.append((f"queries/{name}", text.encode("utf-8"), _question(text)))
    return out


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def index(data: SiteData, made: list[tuple[str, bytes, str]]) -> str:
    here = paths.DOWNLOADS

    def rows(prefix: str | None):
        chosen = [m for m in made if (prefix is None and "/" not in m[0]) or (prefix and m[0].startswith(prefix))]
        return [[link(paths.url(here, paths.download(name)), name.split("/")[-1]), esc(_size(len(body))), esc(desc)] for name, body, desc in chosen]

    return "\n".join(
        [
            "# Downloads",
            "",
            f"Dataset version `{data.dataset_version}`; the gap matrix states the law as of {data.as_of}.",
            "Everything here is generated from the files under `statutes/` and `ontology/` at build time.",
            "Blank nodes carry labels derived from their content, so the same data always gives the same files.",
            "See [how to cite](../how-to-cite.md) and the [data model](../data-model.md).",
            "",
            "## The whole dataset",
            block(table(["File", "Size", "What"], rows(None))),
            "## Each jurisdiction",
            block(table(["File", "Size", "What"], rows("jurisdictions/"))),
            "## Queries",
            "",
            "The SPARQL 1.1 queries behind the gap analysis; each runs unchanged on any SPARQL 1.1 engine.",
            block(table(["File", "Size", "Question"], rows("queries/"))),
        ]
    )


def pages(data: SiteData) -> Iterator[Page]:
    made = files(data)
    yield Page(paths.DOWNLOADS, index(data, made), None)
    for name, body, _desc in made:
        yield Page(paths.download(name), body, None)
