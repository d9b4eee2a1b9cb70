"""Namespaces of the lexgap vocabulary, shared by every module (one place, never retyped)."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

LG = Namespace("https://w3id.org/lexgap/ontology#")
LGC = Namespace("https://w3id.org/lexgap/concept/")
LGJ = Namespace("https://w3id.org/lexgap/jurisdiction/")
LGI = Namespace("https://w3id.org/lexgap/instrument/")
LGL = Namespace("https://w3id.org/lexgap/law/")
LGS = Namespace("https://w3id.org/lexgap/status/")

PREFIXES = {
    "lg": LG,
    "lgc": LGC,
    "lgj": LGJ,
    "lgi": LGI,
    "lgl": LGL,
    "lgs": LGS,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "prov": PROV,
}

__all__ = ["LG", "LGC", "LGJ", "LGI", "LGL", "LGS", "PREFIXES", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD"]
