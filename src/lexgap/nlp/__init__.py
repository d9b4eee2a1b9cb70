"""The encoding assistant: statute text in, draft Turtle out (``lexgap ingest``).

Modules, one job each: :mod:`.numbers` (number words), :mod:`.grammar` (how each language writes ages
and penalties), :mod:`.vocabulary` (SKOS labels → patterns), :mod:`.components` (the spaCy rule
components), :mod:`.pipeline` (config and construction), :mod:`.segment` (provisions of a text),
:mod:`.extract` (values chosen for one provision), :mod:`.draft` (source file → Turtle),
:mod:`.evaluate` (comparison with the hand encodings).

``import spacy`` happens only when one of these modules is imported, so other commands start fast.
"""
