"""Build the ingest pipeline from its config: ``spacy.blank(lang)`` plus the rule components.

Nothing is downloaded: the tokenizer is spaCy's own for the language, the patterns come from the
ontology at initialisation (``[initialize.components.lexgap_terms.patterns]`` names the registered
function that reads the SKOS labels). The config is the spaCy way of wiring components, so a user can
print it (``nlp.config.to_str()``), change a setting, or load it with ``spacy.util.load_model_from_config``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from thinc.api import Config

from ..load import ONTOLOGY_DIR
from . import components  # noqa: F401  (registers the factories)
from . import vocabulary  # noqa: F401  (registers the pattern functions)
from .languages import LANGUAGES, SETUP

__all__ = ["LANGUAGES", "CONFIG", "build", "pipeline_config"]

CONFIG = """
[nlp]
lang = null
pipeline = ["lexgap_words","lexgap_numbers","lexgap_stems","lexgap_terms","lexgap_defined","lexgap_ages","lexgap_penalties","lexgap_concepts"]

[components]

[components.lexgap_words]
factory = "lexgap_words"

[components.lexgap_numbers]
factory = "lexgap_numbers"

[components.lexgap_stems]
factory = "lexgap_stems"

[components.lexgap_terms]
factory = "span_ruler"
spans_key = "lg_terms"
phrase_matcher_attr = "NORM"
validate = false
overwrite = false

[components.lexgap_defined]
factory = "lexgap_defined"

[components.lexgap_ages]
factory = "lexgap_ages"

[components.lexgap_penalties]
factory = "lexgap_penalties"
window = 14

[components.lexgap_concepts]
factory = "lexgap_concepts"

[components.lexgap_concepts.cues]
@misc = "lexgap.concept_cues.v1"
ontology_dir = null

[components.lexgap_concepts.signals]
@misc = "lexgap.element_signals.v1"
ontology_dir = null

[components.lexgap_concepts.groups]
@misc = "lexgap.concept_groups.v1"
ontology_dir = null

[initialize]

[initialize.components]

[initialize.components.lexgap_terms]

[initialize.components.lexgap_terms.patterns]
@misc = "lexgap.concept_patterns.v1"
lang = null
ontology_dir = null
"""


def pipeline_config(lang: str, ontology_dir: Path | str = ONTOLOGY_DIR) -> Config:
    config = Config().from_str(CONFIG)
    where = str(ontology_dir)
    config["nlp"]["lang"] = lang
    if SETUP[lang].tokens == "chars":
        # one token per character: spaCy's tokenizers for these languages need segmenters not installed
        config["nlp"]["tokenizer"] = {"@tokenizers": "lexgap.char_tokenizer.v1"}
    else:
        config["nlp"]["after_creation"] = {"@callbacks": "lexgap.number_suffixes.v1"}
    config["components"]["lexgap_concepts"]["cues"]["ontology_dir"] = where
    config["components"]["lexgap_concepts"]["signals"]["ontology_dir"] = where
    config["components"]["lexgap_concepts"]["groups"]["ontology_dir"] = where
    patterns = config["initialize"]["components"]["lexgap_terms"]["patterns"]
    patterns["lang"] = lang
    patterns["ontology_dir"] = where
    return config


@lru_cache(maxsize=16)
def build(lang: str, ontology_dir: str = str(ONTOLOGY_DIR)) -> spacy.Language:
    """The initialised pipeline for ``lang`` (cached: building reads the ontology once per language)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (one of {', '.join(LANGUAGES)})")
    nlp = spacy.util.load_model_from_config(pipeline_config(lang, ontology_dir), auto_fill=True)
    nlp.initialize()
    return nlp
