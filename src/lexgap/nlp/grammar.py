"""How each drafting language writes ages, durations, penalty clauses and definitions: a table, no law.

These are grammar shared by every statute in a language (unit words, the shape of "under the age of N",
"bis zu N Jahren", "de N a M anos", "处N年以下有期徒刑"), the same kind of knowledge as the number words
in :mod:`lexgap.nlp.numbers`. Which ages or penalties a statute sets is never written here; the patterns
only say where a number sits in a sentence. Offence vocabulary (conducts, objects, concept names) comes
from the ontology's SKOS labels instead (:mod:`lexgap.nlp.vocabulary`).

Patterns are written in a small notation, one string per pattern, words separated by spaces:

- ``NUM`` a number (the number component merges every number phrase into one token whose NORM is
  :data:`NUMBER_NORM`); ``Y`` a year word of the language, ``M`` a month word, ``U`` either;
- ``a|b|c`` one of these words (matched on the lower-case token); ``pref*`` any word starting so;
- a trailing ``?`` makes the item optional; ``TERM`` (definition frames only) the defined term.

For languages tokenised by character (:mod:`lexgap.nlp.languages`), every word of this table is merged
into one token before matching, so the notation reads the same in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .languages import SETUP

#: NORM given to a merged number token, so token patterns can say "a number here".
NUMBER_NORM = "#num"

NUM: dict[str, Any] = {"NORM": NUMBER_NORM}

OPEN_QUOTES = ('"', "“", "«", "‘", "'", "„", "”", "「", "『")
CLOSE_QUOTES = ('"', "”", "»", "’", "'", "“", "」", "』")

#: Tokens that end a clause (a definition's extent; a penalty word does not reach across one).
CLAUSE_END = (";", ".", "。", "；", "؛", "।", "\u0387")


@dataclass(frozen=True)
class Grammar:
    years: tuple[str, ...]
    months: tuple[str, ...]
    prison: tuple[str, ...]  # phrases naming imprisonment as a penalty
    life: tuple[str, ...] = ()  # phrases naming life imprisonment next to an imprisonment word ("for life")
    life_alone: tuple[str, ...] = ()  # phrases naming life imprisonment by themselves ("lebenslange")
    min_before: tuple[str, ...] = ()  # phrases before a duration that make it a minimum ("not less than")
    min_after: tuple[str, ...] = ()  # words right after a duration that make it a minimum ("以上")
    min_units: tuple[str, ...] = ()  # unit forms that make the duration a minimum (Hungarian "évtől")
    range_joiners: tuple[str, ...] = ()  # phrases between the two ends of a range ("to", "bis zu")
    range_adjacent: bool = False  # a range written as two numbers and one unit ("ორიდან ოთხ წლამდე")
    compound_joiners: tuple[str, ...] = ()  # "1 år og 6 måneder": one duration of years and months
    valued_units: dict[str, float] = field(default_factory=dict)  # unit words that carry their number
    unit_suffixes: tuple[str, ...] = ()  # unit words written glued to a number ("kolmeaastase")
    prison_after: int = 2  # tokens allowed between a duration and an imprisonment word after it
    ages: tuple[tuple[str, str], ...] = ()  # (kind, pattern): "below" N, or "between" N and M
    definition_verbs: tuple[str, ...] = ()  # the word after a quoted defined term ('"child" means')
    definition_leads: tuple[str, ...] = ()  # phrases before a defined term ("on entend par")
    definition_frames: tuple[str, ...] = ()  # patterns with TERM ("med TERM avses")
    or_words: tuple[str, ...] = ()  # '"X" or "Y" means'
    # Phrases opening a purpose ("possesses for the purpose of publication", "with a view to their being
    # distributed"): a conduct named in the purpose is intended, not done, and is no cue for an offence.
    purpose: tuple[str, ...] = ()
    # Phrases after which a purpose is over and the offender's own conduct resumes, where a case ending
    # cannot tell ("з метою збуту чи розповсюдження або її зберігання": the storage of it is done).
    purpose_end: tuple[str, ...] = ()
    # Words naming an offence ("trestný čin", "offence"): a concept label after one in a purpose names
    # the offence intended ("v úmysle spáchať trestný čin neoprávneného prístupu …"), not this one.
    offence_words: tuple[str, ...] = ()
    # Phrases opening a consequence ("повлекшее уничтожение … информации", "Lorsqu'il en est résulté la
    # suppression … de données"): the acts named in it are what the offence caused, not what the
    # offender did, and are no cue for an offence.
    consequence: tuple[str, ...] = ()
    # Phrases opening a threat ("threatens to distribute … a private image", "threatens to use … a
    # depiction … of the child in a sexual act"): the acts threatened, to the end of the clause, are not
    # done and are no cue for an offence (the threat is the offence: sextortion, by its own labels).
    threat: tuple[str, ...] = ()
    # Phrases naming the act of another person than the offender, the child depicted or induced ("a
    # child engaged in real or simulated sexual acts", "induces … any individual … to engage in … any
    # sexual activity", "the age of consent to sexual activity"; the offender's own act is finite:
    # "engages in sexual activity with a child"): a conduct in the phrase after one is not done.
    others_act: tuple[str, ...] = ()
    # Auxiliaries of the passive ("such visual depiction will be transported", "has been mailed"): a
    # conduct in the passive describes what happened to the material, not what the offender does.
    passive_aux: tuple[str, ...] = ()
    # Endings of a finite verb ("distributes"): in a purpose, a finite conduct is done, not intended
    # ("produces with intent to distribute, or distributes"); ``finite_not`` are endings that look so
    # but are not ("possess").
    finite_endings: tuple[str, ...] = ()
    finite_not: tuple[str, ...] = ()
    # Words opening a condition ("but, if …", "lorsque …"): an age named in a condition after the
    # penalty is an aggravation ("imprisoned not more than 10 years, but, if … a minor who had not
    # attained 12 years of age …"), not the age the offence protects.
    condition_words: tuple[str, ...] = ()
    # Phrases opening a lesser route to a penalty ("on summary conviction … 12 months; on conviction on
    # indictment … two years"): the maximum is the term of the other route.
    lesser_routes: tuple[str, ...] = ()
    # Phrases opening a repeat offender's penalty ("in the case of a second or subsequent conviction …
    # five years"): an increase for the offender's record, not the maximum the offence carries.
    repeat_offence: tuple[str, ...] = ()
    # Words of a penalty clause separate from the offence it punishes ("A person guilty of an offence
    # under this section shall be liable …", "Whoever violates subsection (a)(5) shall be fined …"): such
    # a paragraph is about the penalty (sanctions), not an aggravated form of the offence.
    penalty_clause: tuple[str, ...] = ()
    # Words that take a conduct noun as their attribute or object right before it ("rules of access",
    # "правил доступа", "право доступу", "κωδικό πρόσβασης", "prevent or hinder access"), or right after it
    # ("access code", "přístupový kód"): such a noun names no conduct of the offender.
    governors: tuple[str, ...] = ()
    governed_before: tuple[str, ...] = ()
    # Phrases saying what a means is made for or makes possible ("by which access can be obtained", "que
    # permitan acceder", "pomocí něhož lze získat přístup", "vytvorené na neoprávnený prístup"): a conduct
    # right after one, or an offence named after one, is enabled, not done.
    enabling: tuple[str, ...] = ()
    # How a paragraph cites another paragraph of its article: word prefixes ("abs", "odstav", "част") and
    # ordinal words with their number ("первой" 1): "die Tat nach Abs. 3", "частью третьей".
    paragraph_words: tuple[str, ...] = ()
    # Words by which a clause naming an offence adds a circumstance of its own ("an offence under
    # subsection (1) which— (a) results in …"): an aggravated form, not a penalty clause.
    aggravating: tuple[str, ...] = ()
    paragraph_ordinals: tuple[tuple[str, int], ...] = ()


GRAMMAR: dict[str, Grammar] = {
    "en": Grammar(
        governors=('means of', 'rules of', 'right of', 'rights of', 'prevent', 'prevents', 'preventing', 'hinder', 'hinders', 'hindering', 'impede', 'impedes', 'impeding', 'block', 'blocks', 'blocking', 'obstruct', 'obstructs', 'obstructing'),
        governed_before=('code', 'codes'),
        offence_words=('offence', 'offense', 'offences', 'offenses', 'crime', 'crimes'),
        paragraph_words=("subsection", "paragraph"),
        condition_words=("if", "where", "unless"),
        lesser_routes=("on summary conviction", "summary conviction"),
        repeat_offence=("second or subsequent conviction", "subsequent conviction", "prior conviction", "second or subsequent offence"),
        penalty_clause=("offence under", "offense under", "offence against", "contravenes", "violates"),
        aggravating=("which", "with intent", "as a result of", "if", "where"),
        purpose=("for the purpose of", "for the purposes of", "with a view to", "with intent to", "with the intent to", "with an intention to", "with the intention of", "with the intention to", "in order to", "for use in"),
        threat=("threaten to", "threatens to", "threatening to", "threatened to"),
        others_act=("engaged in", "engaging in", "engage in", "consent to"),
        passive_aux=("be", "is", "are", "was", "were", "been", "being"),
        finite_endings=("s",),
        finite_not=("ss", "us", "is"),
        years=("year", "years", "year's", "years'"),
        months=("month", "months", "month's", "months'"),
        prison=("imprisonment", "imprisoned", "jail"),
        life=("for life",),
        life_alone=("life imprisonment",),
        min_before=("not less than", "minimum", "at least", "minimum of", "no less than", "not be less than"),
        range_joiners=("to",),
        compound_joiners=("and",),
        ages=(
            ("below", "under|below the? age of NUM Y?"),
            ("below", "under|below NUM Y"),
            ("below", "less than NUM Y"),
            ("below", "not attained|reached|completed the? age? of? NUM Y?"),
            ("below", "under NUM - year|years - old"),
            ("between", "between the? ages? of? NUM and NUM Y"),
            # "B is under 16": a bare number, kept only when no unit follows (see AgeExpressions)
            ("bare", "under NUM"),
        ),
        definition_verbs=("means", "includes", "has", "shall", "refers"),
        # "In this section, child sexual abuse and exploitation material means …", "References to an
        # indecent photograph include …"
        definition_frames=(
            "in this section|act|part|subsection|chapter|division|title|schedule ,? TERM means|includes",
            "references in? this? act|section? to TERM include|includes",
        ),
        or_words=("or",),
    ),
    "fr": Grammar(
        # "Lorsqu’il en sera résulté soit la suppression ou la modification de données" (Luxembourg, CP art. 509-1)
        consequence=('il en est résulté', 'en est résulté', 'il en résulte', 'a entraîné', 'ont entraîné', 'ayant entraîné',
                     'il en sera résulté', 'en sera résulté'),
        offence_words=('infraction', 'infractions', 'crime', 'crimes', 'délit', 'délits'),
        paragraph_words=("alinéa",),
        paragraph_ordinals=(("premier", 1), ("deuxième", 2), ("troisième", 3), ("quatrième", 4)),
        condition_words=("lorsque", "lorsqu'", "si", "quand"),
        purpose=("en vue de", "dans le but de", "aux fins de", "afin de"),
        years=("an", "ans", "année", "années"),
        months=("mois",),
        prison=("emprisonnement", "réclusion", "détention"),
        life=("à perpétuité",),
        min_before=("au moins",),
        range_joiners=("à",),
        compound_joiners=("et",),
        ages=(
            ("below", "moins de NUM Y"),
            ("below", "mineur|mineure|mineurs|mineures de NUM Y"),
            ("between", "entre NUM et NUM Y"),
            # "âgée de dix-huit ans": the age of majority the text refers to, used when nothing else is named
            ("aged", "âgé|âgée|âgés|âgées de NUM Y"),
        ),
        definition_verbs=("désigne", "s'entend", "signifie", "comprend"),
        definition_leads=("on entend par",),
        or_words=("ou",),
    ),
    "de": Grammar(
        offence_words=('straftat', 'straftaten', 'strafbare handlung', 'strafbaren handlung', 'strafbaren handlungen'),
        paragraph_words=("abs", "absatz", "absatzes"),
        condition_words=("wenn", "sofern", "falls"),
        purpose=("um", "um zu", "zum Zweck", "zu dem Zweck", "in der Absicht"),
        years=("jahr", "jahre", "jahren", "jahres"),
        months=("monat", "monate", "monaten", "monats"),
        prison=("freiheitsstrafe", "freiheitsentzug"),
        life_alone=("lebenslange|lebenslanger|lebenslanges|lebenslang",),
        min_before=("nicht unter", "mindestens"),
        range_joiners=("bis", "bis zu"),
        compound_joiners=("und",),
        ages=(
            ("below", "unter NUM Y"),
            # "einer vierzehn, aber noch nicht achtzehn Jahre alten Person"
            ("between", "NUM , aber noch nicht NUM Y"),
            ("below", "noch nicht NUM Y"),
            # "wer das vierzehnte Lebensjahr noch nicht vollendet hat" (an ordinal)
            ("below", "NUM lebensjahr noch nicht vollendet"),
            ("between", "zwischen NUM und NUM Y"),
        ),
        definition_verbs=("ist", "sind", "bezeichnet", "umfasst"),
        or_words=("oder",),
    ),
    "es": Grammar(
        # "bloquear el acceso a las mismas" (Spain, CP art. 189.8): the access is what is blocked; "estando
        # autorizado para acceder a sistemas" (Mexico, CPF art. 211 bis 3): the access is authorised, not the offence
        governors=('código de', 'códigos de', 'derecho de', 'normas de', 'reglas de', 'bloquear el', 'bloqueo del',
                   'autorizado para', 'autorizada para'),
        enabling=('permita', 'permitan', 'permite', 'permiten'),
        offence_words=('delito', 'delitos'),
        paragraph_words=("apartado",),
        paragraph_ordinals=(("primero", 1), ("segundo", 2), ("tercero", 3)),
        penalty_clause=("la pena será", "se impondrá una pena", "la pena privativa de libertad será", "la pena se aumentará",
                        "las penas señaladas", "las penas previstas", "las sanciones anteriores", "todas las escalas penales"),
        condition_words=("cuando", "si"),
        # "una contraseña de ordenador, un código de acceso o datos similares que permitan acceder a … un sistema
        # de información" (Spain, CP arts. 197 ter, 264 ter): what the means allow, not what the offender does
        purpose=("con el fin de", "con fines de", "con fines inequívocos de", "con la finalidad de", "con el propósito de", "para su", "para que",
                 "que permitan", "que permita"),
        years=("año", "años"),
        months=("mes", "meses"),
        # "pena privativa de (la) libertad" (Peru; its aggravations say "la pena será no menor de tres ni
        # mayor de seis años", a term of imprisonment, since Peru states fines in días-multa); "penitenciaría"
        # (Uruguay: "seis meses de prisión a dos años de penitenciaría")
        prison=("prisión", "reclusión", "presidio", "privativa de libertad", "privativa de la libertad", "penitenciaría",
                "pena será no menor de"),
        life_alone=("prisión permanente", "cadena perpetua"),
        # "delitos castigados con una pena de prisión de más de tres años": a lower bound, not a maximum
        min_before=("no inferior a", "al menos", "mínimo de", "mínima de", "no menor de", "más de"),
        # "no menor de seis ni mayor de diez años"; "veinticuatro meses de prisión a seis años de penitenciaría"
        range_joiners=("a", "hasta", "ni mayor de", "de prisión a"),
        compound_joiners=("y",),
        ages=(
            ("below", "menor|menores de NUM Y"),
            ("below", "menos de NUM Y"),
            ("below", "no ha|haya|hubiera|hubiere? cumplido los? NUM Y"),
            # "adolescente desde los doce hasta cumplir los dieciocho años de edad" (Peru, CNA art. I)
            ("below", "hasta cumplir los? NUM Y"),
            ("between", "entre los? NUM y NUM Y"),
            # "mayores de edad a los dieciocho años": the age of majority, used when nothing else is named
            ("aged", "mayor|mayores de edad a los? NUM Y"),
        ),
        definition_verbs=("significa", "comprende", "se"),
        definition_leads=("se entenderá por", "se entiende por"),
        or_words=("o",),
    ),
    "pt": Grammar(
        governors=('provedor de', 'provedores de', 'código de', 'códigos de', 'direito de'),
        enabling=('permita', 'permitam', 'permite', 'permitem'),
        offence_words=('crime', 'crimes'),
        condition_words=("se", "quando"),
        purpose=("com o fim de", "com a finalidade de", "para fins de", "com o intuito de"),
        years=("ano", "anos"),
        months=("mês", "mes", "meses"),
        prison=("reclusão", "detenção", "prisão"),
        life_alone=("prisão perpétua",),
        min_before=("não inferior a", "no mínimo", "mínimo de"),
        range_joiners=("a", "até"),
        compound_joiners=("e",),
        ages=(
            ("below", "menor|menores de NUM Y"),
            ("below", "menos de NUM Y"),
            ("below", "até NUM Y de? idade? incompletos"),
            ("between", "entre NUM e NUM Y"),
        ),
        definition_verbs=("significa", "compreende", "abrange", "é"),
        definition_leads=("considera-se", "entende-se por"),
        or_words=("ou",),
    ),
    "it": Grammar(
        consequence=('ne deriva', 'deriva', 'ne derivi', 'derivi', 'ne è derivato', 'ne è derivata'),
        offence_words=('reato', 'reati', 'delitto', 'delitti'),
        paragraph_words=("comma",),
        paragraph_ordinals=(("primo", 1), ("secondo", 2), ("terzo", 3), ("quarto", 4), ("quinto", 5)),
        condition_words=("se", "quando", "qualora"),
        # "notizie o informazioni finalizzate all'adescamento" (CP art. 600-ter): aimed at
        purpose=("al fine di", "allo scopo di", "per il fine di", "finalizzate all'", "finalizzate alla",
                 "finalizzate al", "finalizzati all'", "finalizzati al", "finalizzato all'", "finalizzato al",
                 "finalizzata all'", "finalizzata alla",
                 # "altri mezzi atti ad intercettare, impedire o interrompere comunicazioni" (CP art.
                 # 617-quinquies): what the means are fit for, not what the offender does
                 "atti ad", "atti a"),
        years=("anno", "anni"),
        months=("mese", "mesi"),
        prison=("reclusione", "arresto"),
        life_alone=("ergastolo",),
        min_before=("non inferiore a", "almeno", "minimo di"),
        range_joiners=("a",),
        compound_joiners=("e",),
        ages=(
            ("below", "minore|minori|minorenne|minorenni di NUM Y"),
            ("below", "minore|minori degli|di Y NUM"),
            ("below", "inferiore a|agli NUM Y"),
            ("below", "inferiore agli Y NUM"),
            ("below", "non ha|abbia|aveva compiuto gli|i? Y? NUM Y?"),
            ("between", "tra|fra i? NUM e i? NUM Y"),
        ),
        definition_verbs=("si", "indica", "designa", "significa"),
        definition_leads=("si intende per", "s'intende per", "si intendono per"),
        # CP art. 600-ter: "per pornografia minorile si intende ogni rappresentazione …"
        definition_frames=("per TERM si|s' intende|intendono",),
        or_words=("o",),
    ),
    "nl": Grammar(
        offence_words=('misdrijf', 'strafbaar feit'),
        paragraph_words=("lid",),
        paragraph_ordinals=(("eerste", 1), ("tweede", 2), ("derde", 3), ("vierde", 4), ("vijfde", 5)),
        condition_words=("indien", "als", "wanneer"),
        purpose=("met het oogmerk", "met het oog op", "ten einde", "teneinde"),
        years=("jaar", "jaren"),
        months=("maand", "maanden"),
        prison=("gevangenisstraf", "hechtenis"),
        life_alone=("levenslange gevangenisstraf", "levenslang"),
        min_before=("ten minste", "tenminste", "minimaal"),
        range_joiners=("tot",),
        compound_joiners=("en",),
        ages=(
            ("below", "beneden de leeftijd van NUM Y"),
            ("below", "jonger dan NUM Y"),
            ("below", "leeftijd van NUM Y nog niet"),
            ("between", "tussen NUM en NUM Y"),
        ),
        definition_verbs=("betekent", "wordt", "is"),
        definition_leads=("wordt verstaan onder", "verstaan onder"),
        or_words=("of",),
    ),
    "sv": Grammar(
        offence_words=('brott',),
        paragraph_words=("stycke",),
        paragraph_ordinals=(("första", 1), ("andra", 2), ("tredje", 3), ("fjärde", 4)),
        condition_words=("om", "när"),
        purpose=("i syfte att", "för att", "avsedd att"),
        years=("år", "året", "åren", "års"),
        months=("månad", "månader", "månaders"),
        prison=("fängelse",),
        life=("på livstid",),
        life_alone=("livstids fängelse",),
        # BrB 23:2: "Högre straff än fängelse i två år får bestämmas endast om fängelse i sex år eller mer
        # kan följa": lower bounds of a cap rule, not maxima
        min_before=("lägst", "minst", "högre straff än"),
        min_after=("eller mer",),
        range_joiners=("och högst", "till"),
        compound_joiners=("och",),
        ages=(
            ("below", "under NUM Y"),
            ("below", "yngre än NUM Y"),
            ("between", "mellan NUM och NUM Y"),
            ("between", "fyllt NUM men inte NUM Y"),
        ),
        definition_verbs=("avses", "betyder"),
        definition_leads=("avses med", "förstås med"),
        definition_frames=("med TERM avses|förstås",),
        or_words=("eller",),
    ),
    "da": Grammar(
        offence_words=('forbrydelse', 'lovovertrædelse', 'strafbart forhold'),
        paragraph_words=("stk",),
        condition_words=("hvis", "når"),
        purpose=("med henblik på", "for at", "med forsæt til"),
        years=("år", "års"),
        months=("måned", "måneder", "måneders"),
        prison=("fængsel",),
        life=("på livstid",),
        life_alone=("livsvarigt fængsel",),
        min_before=("mindst",),
        range_joiners=("til",),
        compound_joiners=("og",),
        ages=(
            ("below", "under NUM Y"),
            ("below", "yngre end NUM Y"),
        ),
        definition_verbs=("betyder",),
        definition_leads=("forstås ved",),
        definition_frames=("ved TERM forstås",),
        or_words=("eller",),
    ),
    "nb": Grammar(
        offence_words=('straffbar handling', 'straffbare handlinger', 'lovbrudd'),
        paragraph_words=("ledd",),
        paragraph_ordinals=(("første", 1), ("andre", 2), ("tredje", 3), ("fjerde", 4)),
        condition_words=("hvis", "når", "dersom"),
        purpose=("med forsett om", "for å", "i den hensikt å"),
        years=("år", "års"),
        months=("måned", "måneder", "måneders"),
        prison=("fengsel",),
        min_before=("minst",),
        range_joiners=("til",),
        compound_joiners=("og",),
        ages=(
            ("below", "under NUM Y"),
            ("below", "yngre enn NUM Y"),
        ),
        definition_verbs=("betyr",),
        definition_leads=("menes med", "forstås med"),
        definition_frames=("med TERM menes|forstås",),
        or_words=("eller",),
    ),
    "is": Grammar(
        offence_words=('brot', 'brots'),
        purpose=("í því skyni að",),
        years=("ár", "ára", "árum", "árs", "ári"),
        months=("mánuður", "mánuði", "mánuðum", "mánaða"),
        prison=("fangelsi", "fangelsis"),
        life_alone=("ævilangt fangelsi", "ævilangt"),
        min_before=("minnst", "eigi skemur en", "ekki skemur en"),
        range_joiners=("til", "og allt að"),
        compound_joiners=("og",),
        # "[" and "]" mark amended wording in the consolidated statutes ("barn, yngra en [15 ára]")
        ages=(
            ("below", "yngri|yngra en [? NUM Y"),
            ("below", "undir [? NUM Y"),
        ),
        definition_verbs=("merkir", "telst"),
        or_words=("eða",),
    ),
    "fi": Grammar(
        years=("vuosi", "vuotta", "vuoden", "vuodeksi", "vuodella", "vuotias", "vuotiaan", "vuotiaaseen",
               "vuotiasta", "vuotiaalle", "vuotiaat"),
        months=("kuukausi", "kuukautta", "kuukauden", "kuukaudeksi"),
        prison=("vankeutta", "vankeuteen", "vankeus", "vankeusrangaistus", "vankeusrangaistukseen",
                "vankeusrangaistusta"),
        life_alone=("elinkautiseen|elinkautinen|elinkautista",),
        min_before=("vähintään",),
        range_joiners=("ja enintään",),
        unit_suffixes=("vuotias", "vuotiaan", "vuotiaaseen", "vuotiasta", "vuotiaalle"),
        ages=(
            ("below", "alle NUM -? vuotias|vuotiaan|vuotiaaseen|vuotiasta|vuotiaalle|vuotiaat"),
            ("below", "NUM Y nuorempi|nuorempaa|nuoremman|nuorempaan|nuoremmalle"),
        ),
        definition_verbs=("tarkoitetaan", "tarkoittaa"),
        # "tietojärjestelmällä tarkoitetaan …": the term, in the adessive, stands right before the verb
        definition_frames=("TERM tarkoitetaan",),
        or_words=("tai",),
    ),
    "et": Grammar(
        enabling=('võimalik',),
        years=("aasta", "aastat", "aastani", "aastaks", "aastase", "aastane", "aastaseks", "aastasele",
               "aastasel", "aastast"),
        months=("kuu", "kuud", "kuuni", "kuuks"),
        prison=("vangistus", "vangistusega", "vangistust", "vangistuseni"),
        life_alone=("eluaegse|eluaegne|eluaegset vangistusega|vangistus|vangistust",),
        min_before=("vähemalt",),
        range_joiners=("kuni",),
        unit_suffixes=("aastase", "aastane", "aastaseks", "aastasele", "aastasel", "aastast"),
        ages=(
            ("below", "alla NUM -? aastane|aastase|aastasele|aastast|aastaseks|aastasel"),
            ("below", "noorem|noorema|nooremat|nooremale kui NUM Y"),
            ("below", "NUM -? aastaseks saamata"),
        ),
        definition_verbs=("on", "tähendab"),
        definition_leads=("mõistetakse",),
        or_words=("või",),
    ),
    "cs": Grammar(
        governed_before=('kód', 'kódy'),
        enabling=('lze', 'umožňující', 'umožňuje', 'vytvořený k', 'přizpůsobený k', 'vytvořené k', 'přizpůsobené k'),
        offence_words=('trestný čin', 'trestného činu', 'trestných činů', 'trestnému činu'),
        paragraph_words=("odstav",),
        purpose=("v úmyslu", "za účelem", "s cílem"),
        years=("rok", "roky", "roku", "let", "léta", "letech", "rokem", "roků"),
        months=("měsíc", "měsíce", "měsíců", "měsícem"),
        prison=("odnětím svobody", "odnětí svobody"),
        life_alone=("doživotí", "doživotního"),
        min_before=("nejméně", "alespoň"),
        range_joiners=("až",),
        unit_suffixes=("letý", "letá", "leté", "letého", "letou", "letému", "letých", "letým"),
        ages=(
            ("below", "mladš* než? NUM Y"),
            ("below", "mladš* než? NUM letý|letá|leté|letého|letou|letému|letých|letým"),
        ),
        definition_verbs=("znamená",),
        definition_frames=("TERM se rozumí", "TERM se pro účely * rozumí"),
        or_words=("nebo",),
    ),
    "sk": Grammar(
        governed_before=('kód', 'kódy'),
        enabling=('možno', 'umožňujúce', 'umožňujúci', 'umožňuje', 'vytvorené na', 'vytvorený na', 'prispôsobené na', 'prispôsobený na'),
        offence_words=('trestný čin', 'trestného činu', 'trestných činov', 'trestnému činu'),
        paragraph_words=("odsek",),
        purpose=("v úmysle", "za účelom", "s cieľom"),
        years=("rok", "roky", "rokov", "roku", "rokmi"),
        months=("mesiac", "mesiace", "mesiacov", "mesiaca"),
        prison=("odňatím slobody", "odňatia slobody", "odňatie slobody"),
        life_alone=("doživotie", "doživotia", "doživotného"),
        min_before=("najmenej", "aspoň"),
        range_joiners=("až",),
        unit_suffixes=("ročný", "ročná", "ročné", "ročného", "ročnej", "ročnú", "ročných"),
        ages=(
            ("below", "mladš* ako? NUM Y"),
            ("below", "mladš* ako? NUM ročný|ročná|ročné|ročného|ročnej|ročnú|ročných"),
        ),
        definition_verbs=("znamená",),
        # "(4) Detskou pornografiou sa na účely tohto zákona rozumie": after a paragraph number the whole
        # term ("Detskou pornografiou"), not only its last word
        definition_frames=(") TERM sa rozumie", ") TERM sa na účely * rozumie", "TERM sa rozumie", "TERM sa na účely * rozumie"),
        or_words=("alebo",),
    ),
    "sl": Grammar(
        enabling=('omogoča', 'omogočajo'),
        consequence=('povzročena', 'povzročen', 'povzročeno'),
        offence_words=('kaznivega dejanja', 'kaznivo dejanje', 'kaznivih dejanj'),
        paragraph_words=("odstav",),
        paragraph_ordinals=(("prvega", 1), ("drugega", 2), ("tretjega", 3), ("četrtega", 4), ("petega", 5)),
        purpose=("z namenom",),
        years=("leto", "leta", "let", "letom", "letih"),
        months=("mesec", "meseca", "mesece", "mesecev"),
        prison=("zapor", "zaporom", "zapora"),
        life_alone=("dosmrtni|dosmrtnim|dosmrtnega zapor|zaporom|zapora",),
        min_before=("najmanj",),
        range_joiners=("do",),
        ages=(
            ("below", "mlajš* od|kot NUM Y"),
            ("below", "pod NUM Y"),
        ),
        definition_verbs=("pomeni", "je"),
        or_words=("ali",),
    ),
    "hr": Grammar(
        enabling=('omogućuje', 'omogućuju'),
        consequence=('prouzročena', 'prouzročen', 'prouzročeno'),
        paragraph_words=("stav",),
        years=("godina", "godine", "godinu", "godinom"),
        months=("mjesec", "mjeseca", "mjeseci", "mjesece"),
        prison=("zatvor", "zatvora", "zatvorom"),
        min_before=("najmanje",),
        range_joiners=("do",),
        ages=(
            ("below", "mlađ* od NUM Y"),
            ("below", "ispod NUM Y"),
            # "Dijete je osoba koja nije navršila osamnaest godina života"
            ("below", "nije|nisu navršil* NUM Y"),
        ),
        definition_verbs=("znači", "je", "jest"),
        # "(17) Računalni sustav je svaka naprava …", "Dijete je osoba koja …", "Dječja pornografija je
        # materijal koji …", "Pornografijom se u smislu ovoga članka smatra …"
        definition_frames=("TERM je|jest svaki|svaka|svako|osoba|materijal", "TERM se u smislu * smatra",
                           # a term opening its paragraph keeps its adjective: "(6) Dječja pornografija je
                           # materijal koji …" (čl. 163), not "pornografija" alone
                           ") TERM je|jest svaki|svaka|svako|osoba|materijal"),
        or_words=("ili",),
    ),
    "el": Grammar(
        governors=('κωδικό', 'κωδικός', 'κωδικούς', 'κωδικοί', 'κωδικών', 'αποκλεισμό της', 'αποκλεισμός της', 'μη',
                   'φραγή της', 'διακοπή της'),
        # "την μη πρόσβαση από τους χρήστες", "φραγή της πρόσβασης", "διακοπή της πρόσβασης" (Cypriot Law 91(I)/2014
        # art. 11(2), (3)): access denied, blocked or cut off, not done;
        # "αποκτήσει γνώση" (acquires knowledge; Law 148(I)/2024 arts. 6, 7): no procuring
        governed_before=('γνώση',),
        enabling=('μπορεί να', 'δυνατόν να'),
        offence_words=('έγκλημα', 'εγκλήματος', 'εγκλημάτων', 'αδίκημα', 'αδικήματος'),
        paragraph_words=("εδάφ", "εδαφ", "παράγραφ"),
        penalty_clause=("παραβαίνει τις διατάξεις", "είναι ένοχος αδικήματος", "παράβαση της"),
        purpose=("με σκοπό", "με σκοπό να", "προκειμένου να"),
        years=("έτος", "έτη", "ετών", "έτους", "χρόνια", "χρόνων", "χρόνο", "χρόνου"),
        months=("μήνα", "μήνες", "μηνών", "μηνός"),
        prison=("φυλάκιση", "φυλάκισης", "φυλακίσεως", "κάθειρξη", "κάθειρξης", "καθείρξεως"),
        life=("διά βίου", "δια βίου"),
        life_alone=("ισόβια|ισόβιας κάθειρξη|κάθειρξης", "ισόβια"),
        min_before=("τουλάχιστον",),
        range_joiners=("έως", "μέχρι"),
        compound_joiners=("και",),
        ages=(
            ("below", "κάτω των|από NUM Y"),
            ("below", "δεν έχει|είχε? συμπληρώσει|συμπλήρωσε το|τα? NUM Y"),
            ("below", "μικρότερ* των|από NUM Y"),
            # "αν ο παθών συμπλήρωσε τα δώδεκα αλλά όχι τα δεκατέσσερα έτη"
            ("between", "συμπλήρωσε|συμπληρώσει τα NUM αλλά όχι τα NUM Y"),
            # "γ) αν ο παθών συμπλήρωσε τα δεκατέσσερα έτη, με φυλάκιση …" (Greek PC art. 348C(1)): the victim has
            # reached an age, not a term of imprisonment
            ("aged", "συμπλήρωσε|συμπληρώσει τα NUM Y"),
            # "ορίζεται ως η ηλικία των δεκαεπτά (17) ετών": an age the text refers to, used when nothing
            # else is named
            ("aged", "ηλικία|ηλικίας των NUM Y"),
        ),
        definition_verbs=("σημαίνει", "νοείται", "νοούνται"),
        # Greek Penal Code art. 13 "στ) Πληροφοριακό σύστημα είναι …"; art. 348A(3) "Υλικό παιδικής
        # πορνογραφίας, κατά την έννοια των προηγούμενων παραγράφων συνιστά …"
        definition_frames=("TERM είναι κάθε|η", "TERM , κατά την έννοια των"),
        or_words=("ή",),
    ),
    "hu": Grammar(
        paragraph_words=("bekezdés",),
        years=("év", "évig", "évet", "éves", "évre", "évi", "évtől", "évnél", "éven", "évesnél"),
        months=("hónap", "hónapig", "hónaptól", "hónapra"),
        prison=("szabadságvesztés", "szabadságvesztéssel", "szabadságvesztésre", "szabadságvesztést"),
        life_alone=("életfogytig tartó? szabadságvesztés|szabadságvesztéssel|szabadságvesztést?",),
        min_before=("legalább",),
        min_units=("évtől", "hónaptól"),
        prison_after=4,
        ages=(
            ("below", "NUM .? életévét|életévet be nem töltött"),
            ("below", "NUM éven|évnél|évesnél aluli|fiatalabb"),
        ),
        definition_verbs=("jelenti",),
        # "E § alkalmazásában pornográf felvétel: …"
        definition_leads=("alkalmazásában",),
        # the interpretative list of § 459 (1): "15. információs rendszer: …"
        definition_frames=("NUM TERM :",),
        or_words=("vagy",),
    ),
    "ro": Grammar(
        offence_words=('infracțiunea', 'infracțiuni', 'infracțiunii', 'infracţiunea', 'infracţiuni', 'infracţiunii'),
        paragraph_words=("alin",),
        condition_words=("dacă", "când"),
        purpose=("în scopul", "cu scopul", "în vederea"),
        years=("an", "ani", "anul", "anului"),
        months=("lună", "luni", "luna", "lunii"),
        prison=("închisoare", "închisoarea", "închisorii", "închisoarei"),
        life_alone=("detențiunea|detenţiunea|detențiune|detenţiune|detențiunii|detenţiunii pe viață|viaţă",),
        min_before=("cel puțin", "cel puţin", "minimum"),
        range_joiners=("la",),
        compound_joiners=("și", "şi"),
        ages=(
            ("below", "sub NUM Y"),
            ("below", "nu a|au împlinit|împlinită vârsta|vîrsta de NUM Y"),
            ("below", "mai mic|mică|mici de NUM Y"),
        ),
        definition_verbs=("înseamnă", "desemnează"),
        definition_frames=("prin TERM se înțelege|înţelege|înțeleg|înţeleg",),
        or_words=("sau",),
    ),
    "ru": Grammar(
        governors=('правил', 'правила', 'правилам', 'право', 'права', 'правом'),
        consequence=('повлекшее', 'повлекшие', 'повлекший', 'повлекшая', 'повлекших'),
        offence_words=('преступления', 'преступление', 'преступлений'),
        paragraph_words=("част",),
        paragraph_ordinals=(("первой", 1), ("второй", 2), ("третьей", 3), ("четвертой", 4), ("пятой", 5), ("шестой", 6)),
        condition_words=("если",),
        purpose=("в целях", "с целью", "предназначенных для", "предназначенные для", "предназначены для",
                 "предназначенной для", "предназначенного для"),
        # a verbal noun in the nominative ends a purpose ("в целях распространения … либо
        # распространение …"): the purpose governs the genitive, the nominative is the offender's act
        finite_endings=("ние",),
        years=("год", "года", "лет", "году", "годам", "летнего", "летней", "летний", "летнему", "летним",
               "летних"),
        months=("месяц", "месяца", "месяцев"),
        prison=("лишением свободы", "лишения свободы", "лишение свободы", "лишению свободы",
                ",? либо|или лишением свободы на тот же срок"),
        life_alone=("пожизненн* лишени* свободы",),
        min_before=("не менее",),
        range_joiners=("до",),
        unit_suffixes=("летнего", "летней", "летний", "летнему", "летним", "летних"),
        ages=(
            ("below", "не достигш* NUM Y возраста?"),
            ("below", "младше|моложе NUM Y"),
        ),
        definition_verbs=("означает",),
        definition_frames=("под TERM понима*", "под TERM в настоящ* * понима*"),
        or_words=("или",),
        # the term follows the imprisonment word ("лишением свободы на срок до двух лет"); a duration
        # before one belongs to another penalty ("арестом на срок до четырех месяцев, либо лишением
        # свободы"), unless imprisonment is "for the same term" ("…до двух лет, либо лишением свободы на
        # тот же срок", a prison phrase above)
        prison_after=0,
    ),
    "uk": Grammar(
        governors=('право', 'права', 'правом', 'правил', 'правила'),
        purpose_end=('а також', 'або її', 'або їх', 'або його', 'чи її', 'чи їх', 'чи його'),
        offence_words=('злочину', 'злочин', 'злочинів', 'кримінального правопорушення', 'кримінальне правопорушення'),
        paragraph_words=("частин",),
        paragraph_ordinals=(("першою", 1), ("другою", 2), ("третьою", 3), ("четвертою", 4), ("п'ятою", 5), ("п’ятою", 5), ("шостою", 6)),
        condition_words=("якщо",),
        # "без мети збуту чи розповсюдження": a purpose the offender lacks names no conduct of his either
        purpose=("з метою", "без мети", "призначених для", "призначені для", "призначеного для", "призначеної для"),
        years=("рік", "роки", "років", "року", "річного", "річної", "річний", "річним", "річних", "річному"),
        months=("місяць", "місяці", "місяців", "місяця"),
        prison=("позбавленням волі", "позбавлення волі", "позбавленню волі",
                ",? або|чи позбавленням волі на той самий строк"),
        life_alone=("довічн* позбавлення|позбавленням волі",),
        min_before=("не менше", "не менш"),
        range_joiners=("до",),
        unit_suffixes=("річного", "річної", "річний", "річним", "річних", "річному"),
        ages=(
            ("below", "не досягл* NUM Y віку?"),
            ("below", "віком до NUM Y"),
            ("below", "молодш* NUM Y"),
        ),
        definition_verbs=("означає",),
        definition_frames=("під TERM розуміє*", "під TERM в|у * * слід розуміти"),
        or_words=("або",),
        # the term follows the imprisonment word ("позбавленням волі на строк до трьох років"); a duration
        # before one belongs to another penalty ("виправними роботами на строк до двох років, або
        # позбавленням волі …"), unless imprisonment is "for the same term" (a prison phrase above)
        prison_after=0,
    ),
    "ka": Grammar(
        paragraph_words=("ნაწილ",),
        paragraph_ordinals=(("პირველი", 1),),
        years=("წელი", "წლით", "წლამდე", "წლის", "წლიდან", "წელიწადი", "წელს"),
        months=("თვე", "თვით", "თვემდე", "თვიდან", "თვის"),
        prison=("თავისუფლების აღკვეთით", "თავისუფლების აღკვეთა", "თავისუფლების აღკვეთის",
                "ან|ანდა|ან/და თავისუფლების აღკვეთით იმავე ვადით"),
        life_alone=("უვადო",),
        min_before=("არანაკლებ",),
        range_adjacent=True,
        ages=(
            ("below", "NUM წლამდე ასაკის|ასაკისა|ასაკს"),
            ("below", "NUM Y ასაკს მიუღწევ*"),
        ),
        definition_verbs=("არის", "ნიშნავს"),
        # notes define a term as "X არის ნებისმიერი …" ("კომპიუტერული სისტემა არის ნებისმიერი მოწყობილობა")
        definition_frames=("TERM არის * ნებისმიერი",),
        or_words=("ან",),
        # the term follows the imprisonment word ("თავისუფლების აღკვეთით ვადით ორიდან ხუთ წლამდე"); a
        # duration before one belongs to another penalty ("სამუშაოთი ვადით ორ წლამდე ანდა თავისუფლების …"),
        # unless imprisonment is "for the same term" ("… ანდა თავისუფლების აღკვეთით იმავე ვადით", above)
        prison_after=0,
    ),
    "ar": Grammar(
        years=("سنة", "سنوات", "سنين", "السنة", "عاما", "عام", "أعوام", "اعوام"),
        months=("شهر", "أشهر", "اشهر", "شهور", "الشهر"),
        # "السجن المؤقت" (temporary imprisonment), the UAE's term of imprisonment up to fifteen years: "السجن
        # المؤقت مدة لا تزيد على (10) عشر سنوات"
        prison=("الحبس", "بالحبس", "حبس", "والحبس", "السجن المؤقت", "بالسجن المؤقت", "السجن", "بالسجن", "سجن",
                "والسجن"),
        life_alone=("المؤبد",),
        # "بالحبس من ستة أشهر إلى سنتين": "from" opens a range of imprisonment, its first end the minimum
        min_before=("لا تقل عن", "لا يقل عن", "لا تقل مدته عن", "لا تقل مدتها عن", "بالحبس من", "الحبس من",
                    "والحبس من", "بالسجن من", "السجن من", "والسجن من"),
        range_joiners=("إلى", "الى"),
        # in years: "سنة" a year, "سنتين" two years, "شهر" a month
        valued_units={"سنة": 1, "سنتين": 2, "سنتان": 2, "عام": 1, "عامين": 2, "شهر": 1 / 12, "شهرين": 2 / 12,
                      "شهران": 2 / 12},
        ages=(
            ("below", "دون|تحت سن? NUM Y?"),
            ("below", "أقل|اقل من NUM Y"),
            # "أطفال تقل سنهم عن ثمان عشرة سنة" (children whose age is less than eighteen years)
            ("below", "تقل|يقل سنهم|سنه|سنها|سنهن|أعمارهم|عمره|عمرها عن NUM Y"),
            ("below", "لم يتم|يبلغ|يتجاوز|يكمل|تتم|تبلغ|تتجاوز|تكمل سن? NUM Y?"),
        ),
        definition_verbs=("يعني", "تعني"),
        definition_leads=("يقصد ب", "يقصد بـ", "يقصد"),
        or_words=("أو", "او"),
    ),
    "zh": Grammar(
        years=("年",),
        months=("个月", "月"),
        prison=("有期徒刑", "拘役", "徒刑"),
        life_alone=("无期徒刑",),
        min_after=("以上",),
        prison_after=6,
        ages=(
            ("below", "不满|未满 NUM 周岁|岁"),
        ),
        definition_verbs=("是指", "指"),
        definition_frames=("所称 TERM ，|,? 是指",),
        or_words=("或者", "或"),
    ),
    "ko": Grammar(
        years=("년",),
        months=("개월",),
        prison=("징역", "금고", "유기징역"),
        life_alone=("무기징역", "무기 또는"),
        min_after=("이상",),
        prison_after=6,
        ages=(
            ("below", "NUM 세 미만"),
        ),
        # "(이하 "반포등"이라 한다)" names an abbreviation inside the offence, it defines nothing
        definition_verbs=("이란", "란"),
        or_words=("또는",),
    ),
    "th": Grammar(
        years=("ปี",),
        months=("เดือน",),
        prison=("จำคุก",),
        life_alone=("จำคุกตลอดชีวิต", "ตลอดชีวิต"),
        min_before=("ไม่น้อยกว่า",),
        range_joiners=("ถึง",),
        ages=(
            ("below", "อายุ ยัง? ไม่เกิน|ต่ำกว่า|ไม่ถึง NUM Y"),
        ),
        definition_verbs=("หมายความว่า", "หมายความรวมถึง"),
        or_words=("หรือ",),
    ),
    "id": Grammar(
        governors=('kode',),
        enabling=('dapat',),
        offence_words=('tindak pidana',),
        condition_words=("jika", "apabila"),
        purpose=("dengan maksud", "untuk tujuan"),
        years=("tahun",),
        months=("bulan",),
        prison=("penjara", "pidana penjara"),
        life=("seumur hidup",),
        min_before=("paling singkat", "paling sedikit", "sekurang-kurangnya", "sekurang - kurangnya"),
        range_joiners=("sampai", "hingga"),
        compound_joiners=("dan",),
        ages=(
            ("below", "belum berusia|berumur|mencapai NUM Y"),
            ("below", "belum mencapai umur|usia NUM Y"),
            ("below", "di? bawah|dibawah umur|usia? NUM Y"),
            ("below", "kurang dari NUM Y"),
        ),
        definition_verbs=("adalah", "ialah", "yaitu"),
        definition_frames=("TERM adalah|ialah",),
        or_words=("atau",),
    ),
    "ms": Grammar(
        offence_words=('kesalahan',),
        condition_words=("jika", "apabila"),
        purpose=("dengan niat", "bagi maksud", "untuk tujuan"),
        years=("tahun",),
        months=("bulan",),
        prison=("penjara", "dipenjarakan", "pemenjaraan"),
        life=("seumur hidup",),
        min_before=("tidak kurang daripada", "sekurang-kurangnya", "sekurang - kurangnya"),
        range_joiners=("hingga", "sehingga", "sampai"),
        compound_joiners=("dan",),
        ages=(
            ("below", "di? bawah umur NUM Y"),
            ("below", "belum mencapai umur NUM Y"),
            ("below", "kurang daripada NUM Y"),
        ),
        definition_verbs=("ertinya", "termasuklah", "bermaksud"),
        or_words=("atau",),
    ),
    "bn": Grammar(
        penalty_clause=("এর অধীন কোনো অপরাধ", "এর অধীন অপরাধ"),
        years=("বছর", "বছরের", "বৎসর", "বৎসরের"),
        months=("মাস", "মাসের"),
        prison=("কারাদণ্ড", "কারাদণ্ডে", "কারাদন্ড", "কারাদন্ডে"),
        life_alone=("যাবজ্জীবন",),
        min_before=("অন্যূন", "কমপক্ষে", "অন্তত"),
        ages=(
            ("below", "NUM Y কম|নিম্ন"),
            ("below", "অনূর্ধ্ব NUM Y"),
        ),
        # "“সেবা প্রদানকারী” অর্থ-" (a list follows): the dash stays on the word
        definition_verbs=("অর্থ", "অর্থ-"),
        or_words=("বা", "অথবা"),
    ),
}


# --------------------------------------------------------------------------------------------------
# The notation


# How far into a text its subject runs, for a penalty clause ("(2) Any person who commits an offence under")
SUBJECT_CHARS = 80


@lru_cache(maxsize=None)
def words_pattern(lang: str, field: str) -> re.Pattern | None:
    """A grammar row's phrases (``penalty_clause``, ``aggravating``) as one whole-word pattern."""
    words = getattr(GRAMMAR[lang], field)
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.IGNORECASE) if words else None


def penalty_clause_before(text: str, lang: str, first: int | None) -> re.Match | None:
    """Where ``text`` is a penalty clause separate from the offence it punishes ("A person guilty of an
    offence under this section shall be liable to …", "Whoever violates … subsection (a)(5) shall be fined
    …"): the ``penalty_clause`` words in its subject, before ``first`` (where its penalty is named).
    None when the subject adds a circumstance of its own (the ``aggravating`` words: "If any damage is
    caused as a result of an offence under this section", "commits an offence under subsection (1) which—
    (a) results in …"): that is an aggravated form of the offence, not a clause about its penalty."""
    clause = words_pattern(lang, "penalty_clause")
    if clause is None or first is None:
        return None
    # in the subject, at the start of the text ("(3) A person guilty of an offence under …"): a penalty
    # named after the offence's description ("… shall be guilty of an offence and liable") is the offence's
    m = clause.search(text, 0, min(first, SUBJECT_CHARS))
    if m is None:
        return None
    aggravating = words_pattern(lang, "aggravating")
    if aggravating is not None and aggravating.search(text, 0, first):
        return None
    return m


def _item(word: str, lang: str) -> dict[str, Any]:
    optional = word.endswith("?") and len(word) > 1
    word = word[:-1] if optional else word
    g = GRAMMAR[lang]
    if word == "NUM":
        spec: dict[str, Any] = dict(NUM)
    elif word in ("Y", "M", "U"):
        units = {"Y": g.years, "M": g.months, "U": g.years + g.months}[word]
        spec = {"LOWER": {"IN": list(units)}}
    elif word == "TERM":
        spec = {"IS_PUNCT": False, "OP": "{1,8}"}
    elif word == "*":
        spec = {"OP": "{0,6}"}
    else:
        alternatives = word.split("|")
        plain = [a for a in alternatives if not a.endswith("*") or a == "*"]
        prefixes = [a[:-1] for a in alternatives if a.endswith("*") and a != "*"]
        if prefixes:
            regex = "^(?:" + "|".join([re.escape(p) + ".*" for p in prefixes] + [re.escape(p) + "$" for p in plain]) + ")"
            spec = {"LOWER": {"REGEX": regex}}
        elif len(plain) == 1:
            spec = {"LOWER": plain[0].lower()}
        else:
            spec = {"LOWER": {"IN": [p.lower() for p in plain]}}
    if optional:
        spec = {**spec, "OP": "?"}
    return spec


#: Tokens a phrase may run across: the emphasis marks of texts converted to Markdown ("under the age
#: of**\neighteen years"). Line breaks and runs of spaces never reach the pipeline: texts are read with
#: their whitespace folded (:func:`lexgap.nlp.extract.fold`).
GAP: dict[str, Any] = {"TEXT": {"REGEX": r"^(?:\*+|_+)$"}, "OP": "*"}


def gapped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` with :data:`GAP` between each two (item ``i`` lands at :func:`gapped_index` ``i``)."""
    out: list[dict[str, Any]] = []
    for item in items:
        if out:
            out.append(GAP)
        out.append(item)
    return out


def gapped_index(i: int) -> int:
    """Where item ``i`` of a pattern stands once :func:`gapped`."""
    return 2 * i


def compile_pattern(text: str, lang: str) -> list[dict[str, Any]]:
    """One pattern of the notation → a spaCy Matcher pattern."""
    return gapped([_item(w, lang) for w in text.split()])


def phrase_pattern(text: str) -> list[dict[str, Any]]:
    """A plain phrase ("not less than") → a pattern matching its words in order (lower case)."""
    return [{"LOWER": w.lower()} for w in text.split()]


def is_char_language(lang: str) -> bool:
    return SETUP[lang].tokens == "chars"


@lru_cache(maxsize=None)
def words(lang: str) -> frozenset[str]:
    """Every literal word of the language's grammar: for character-tokenised languages, the words the
    ``lexgap_words`` component merges into single tokens."""
    g = GRAMMAR[lang]
    found: set[str] = set(g.years) | set(g.months) | set(g.valued_units) | set(g.min_after) | set(g.unit_suffixes)
    found |= set(g.definition_verbs) | set(g.or_words)
    phrases = (g.prison + g.life + g.life_alone + g.min_before + g.min_units + g.range_joiners
               + g.compound_joiners + g.definition_leads + g.definition_frames + tuple(p for _, p in g.ages))
    for phrase in phrases:
        for w in phrase.split():
            w = w.rstrip("?") if len(w) > 1 else w
            for alt in w.split("|"):
                if alt and alt not in ("NUM", "Y", "M", "U", "TERM", "*") and not alt.endswith("*"):
                    found.add(alt)
    return frozenset(found)


# --------------------------------------------------------------------------------------------------
# Patterns the components use


def unit_spec(lang: str) -> dict[str, Any]:
    g = GRAMMAR[lang]
    return {"LOWER": {"IN": list(g.years + g.months)}}


def duration_patterns(lang: str) -> dict[str, list[list[dict[str, Any]]]]:
    """Durations by kind: "DUR" a number with its unit ("ten years", "sechs Monaten"); "RANGE" two ends
    sharing or each with a unit ("de 1 (um) a 4 (quatro) anos", "sechs Monaten bis zu zehn Jahren");
    "COMPOUND" years and months making one term ("1 år og 6 måneder"); "VALUED" a unit word that carries
    its number (Arabic "سنتين", two years)."""
    g = GRAMMAR[lang]
    unit = unit_spec(lang)
    opt_unit = {**unit, "OP": "?"}
    hyphen = {"ORTH": "-", "OP": "?"}
    out: dict[str, list[list[dict[str, Any]]]] = {"DUR": [[NUM, unit], [NUM, hyphen, unit]], "RANGE": [], "COMPOUND": [], "VALUED": []}
    for joiner in g.range_joiners:
        out["RANGE"].append([NUM, hyphen, opt_unit, *phrase_pattern(joiner), NUM, unit])
    if g.range_adjacent:
        out["RANGE"].append([NUM, NUM, unit])
    years = {"LOWER": {"IN": list(g.years)}}
    months = {"LOWER": {"IN": list(g.months)}}
    for joiner in g.compound_joiners:
        out["COMPOUND"].append([NUM, years, *phrase_pattern(joiner), NUM, months])
    if g.valued_units:
        valued = {"LOWER": {"IN": list(g.valued_units)}}
        out["VALUED"].append([valued])
        for joiner in g.range_joiners:
            out["RANGE"].append([valued, *phrase_pattern(joiner), NUM, unit])
    return {k: [gapped(p) for p in v] for k, v in out.items() if v}


def age_patterns(lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """(kind, pattern): "below" gives the threshold (protects persons under N); "between" a lower and
    upper bound ("zwischen vierzehn und achtzehn Jahren", "entre doze e dezoito anos")."""
    return [(kind, compile_pattern(text, lang)) for kind, text in GRAMMAR[lang].ages]
