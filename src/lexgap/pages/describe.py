"""Requirements, constraints and element values in words, from the data's own labels.

Operators and modalities are vocabulary of the data model (``ge``, ``lg:optional``), not law; every label
(element, material, concept) is read from the ontology.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from ..gapdata import Constraint, Requirement, local_name

OPERATORS = {"ge": "at least", "le": "at most", "eq": "", "covers": "to include"}


def value_text(value: Any, labels: Mapping[str, str]) -> str:
    """A value as a reader sees it: yes/no, numbers without trailing zeros, IRIs by their label."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(("http://", "https://")):
        return labels.get(local_name(text), local_name(text))
    return text


def constraint_text(c: Constraint, labels: Mapping[str, str]) -> str:
    """``child age threshold: at least 18 (permitted minimum 16; reservable under 9(4))``."""
    element = labels.get(local_name(c.element), local_name(c.element)) if c.element is not None else "(no element)"
    target = c.value_node if c.value is None else c.value
    op = OPERATORS.get(c.operator or "", c.operator or "")
    head = f"{element}: {op} {value_text(target, labels)}".replace(":  ", ": ")
    extras = []
    if c.permitted_minimum is not None:
        extras.append(f"permitted minimum {value_text(c.permitted_minimum, labels)}")
    if c.optional:
        extras.append("optional: the instrument only permits it, never counted against a state")
    if c.reservable_under:
        extras.append(f"reservable under {c.reservable_under}")
    return f"{head} ({'; '.join(extras)})" if extras else head


def modality(req: Requirement) -> str:
    words = "optional" if req.optional else "mandatory"
    if req.reservable_under:
        words += f", reservable under {req.reservable_under}"
    return words


def element_value(values: Any, labels: Mapping[str, str]) -> str:
    """An element's value(s) from a provision record (a scalar or a list)."""
    items = values if isinstance(values, (list, tuple)) else [values]
    # IRIs (materials) by their label; plain strings are local names of IRIs, or text as it is.
    return ", ".join(labels.get(v, v) if type(v) is str else value_text(v, labels) for v in items)
