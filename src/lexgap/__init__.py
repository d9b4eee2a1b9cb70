"""lexgap: national cybercrime and child-online-protection law compared with international instruments."""

__version__ = "0.1.0"
