"""What the words around a name tell about its kind, where spaCy's small model guessed it from
the name alone.

The model takes many names it has never seen for the wrong kind of thing. The text around a
mention often says better:
- a place is written after "in" or "near", beside another place ("between Port Ardel and
  Bransholm"), before ", near" ("Wrayford, near Kessmoor") or as a seat ("the Assembly member
  for Kessmoor West");
- a firm after a job and "at" ("a solicitor at Ashcroft Lyle") or after its kind ("the broker
  Corbury Sands"); a campaign before "campaign" ("the Save Wexley Road campaign");
- a team takes a plural verb ("Bransholm City were left fuming") or a score ("beat Bransholm
  City 2-1");
- a thing, such as a ship, takes "the" where a person takes none ("on the Saltmarsh Belle
  had", "a smaller fast boat, the Kittiwake,");
- a work or a paper follows its kind ("the film Baby Driver", "London tabloid The Sun"), a
  car model its make and number or comes before its kind ("a black Porsche 911 Carrera",
  "his Range Tourer four-by-four");
- a person is described as one ("Tester, a two-term Democratic senator,").
`mention_cues` reads these cues off one mention; `corrected_label` weighs the cues a name
gathered over the story against the label the model gave it most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from nicknames import NickNamer

from storydesk.lexicon import HONORIFICS, ORG_NOUNS, PERSON_NOUNS, TITLES, self_named

# Words that make a name a place when they open it ("Port Ardel") or close it ("Carrow Fell"),
# and words that make it an organisation when they close it ("Port Ardel City Council").
PLACE_FIRST = frozenset(
    ["port", "upper", "lower", "north", "south", "east", "west", "lake", "mount", "fort"]
)
PLACE_LAST = frozenset(
    """fell cross valley hill hills river street road avenue lane bay lake park island islands
    point head bridge square green moor heath beach forest wood woods mountain mountains
    county quay estuary canal creek glen arena stadium drive boulevard highway parkway terrace
    crescent rd""".split()  # noqa: SIM905
)
ORG_LAST = frozenset(
    """council committee party club trust hospital infirmary school college university union
    association group service services police court ministry department office authority
    agency board bank lab labs gallery museum rovers united fc biologics systems ltd inc plc
    corp company holdings foundation institute centre center network line ferries""".split()  # noqa: SIM905
)
# Jobs after which "at" names an employer ("a solicitor at Ashcroft Lyle").
JOBS = PERSON_NOUNS | frozenset(
    """solicitor barrister partner associate consultant engineer strategist lecturer fellow
    surgeon nurse teacher student trader""".split()  # noqa: SIM905
)
# Kinds of firm written before a firm's name ("the broker Corbury Sands").
FIRMS = ORG_NOUNS | frozenset(
    """broker insurer lender bookmaker consultancy publisher broadcaster developer supplier
    manufacturer carmaker chain brand startup""".split()  # noqa: SIM905
)
# Kinds of publication written before a title that has its own "The" ("tabloid The Sun").
PRESS = frozenset("tabloid newspaper paper magazine daily weekly broadcaster".split())  # noqa: SIM905
# Kinds of publication written right before or after a paper's own name ("the daily
# Hurriyet", "daily Radikal reported", "Hurriyet newspaper said"); not "paper", which names
# documents too ("a paper Smith wrote").
MASTHEAD_KINDS = PRESS - {"paper", "broadcaster"}
# Kinds of place that name one after "of" ("the border town of Reyhanli").
PLACE_KINDS = frozenset(
    "town city village province region district county island port capital suburb".split()  # noqa: SIM905
)
# Kinds of work written before a work's title ("the film Baby Driver"); not words that are
# verbs too ("The ferry hit Quay 3", "they play Liverpool").
WORKS = frozenset(
    """film movie series sitcom drama album song novel book musical documentary programme
    podcast franchise""".split()  # noqa: SIM905
)
# Prepositions after which a name is a place; a person is seldom "in" or "near" someone.
LOCATIVE = frozenset(["in", "near", "across", "outside", "inside", "around", "towards", "above"])
# Prepositions that open a pair of places ("between Port Ardel and Bransholm").
PAIRED_AFTER = LOCATIVE | frozenset(["between", "from", "to", "at"])
# What a seat is held by: "the Assembly member for Kessmoor West", "the MP for Wrayford".
SEATS = frozenset(["member", "mp", "mps", "msp", "mla", "senator", "congressman", "congresswoman"])
VEHICLES = frozenset(
    """car cars four-by-four suv van truck lorry jeep hatchback saloon pickup motorbike
    motorcycle sedan coupe""".split()  # noqa: SIM905
)
VESSELS = frozenset(
    "ship ferry boat vessel yacht tanker trawler liner freighter tug submarine".split()  # noqa: SIM905
)
# Last words of a town's name that a team's name shares ("Bransholm City", "Luton Town").
TEAM_LAST = frozenset(["city", "town", "county"])
CAMPAIGNS = frozenset(["campaign", "campaigners", "coalition", "movement"])
PLACE_LABELS = frozenset({"GPE", "LOC"})
OTHER_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "NORP"})

# A description set off after a name: "Tester, a two-term Democratic senator, ...".
_DESCRIBED = re.compile(r", (?:a|an) (?:[\w-]+ ){0,3}?([a-z]+)\b(?=[,.;]| who\b)", re.IGNORECASE)
PEOPLE = PERSON_NOUNS | TITLES | frozenset(["democrat", "republican"])
_MODEL_NUMBER = re.compile(r"\d{1,4}(?<!19\d\d)(?<!20\d\d)[a-z]?")  # "911", not a year
_APOSTROPHE_AND = ("' and ", "’ and ")
_PLURAL_VERB = re.compile(r" (?:were|are|have|'ve|’ve)\b")
_SCORE_AFTER = re.compile(r"\s+\d{1,2}[-–]\d{1,2}\b")
_THING_AFTER = re.compile(r"[,.;:)]|\s(?:had|has|was|is|will|would|could|did)\b")
_VESSEL_AFTER = re.compile(r", an? [\w\s-]{0,30}?\b(?:" + "|".join(VESSELS) + r")\b")
_VESSEL_BEFORE = [[v] for v in VESSELS] + [[v + ","] for v in VESSELS]


Span = Sequence  # (start, end, label, tagged) of one mention, as `mentions` stores it


def joined_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """Return the mentions with a body's name the model split at an apostrophe made whole again
    ("the Seafarers' and Dockworkers' Union", tagged "Seafarers" and "Dockworkers' Union")."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and span[2] == "ORG" and text[last[1] : span[0]] in _APOSTROPHE_AND:
            joined[-1] = (last[0], span[1], "ORG", text[last[0] : span[1]])
        else:
            joined.append(tuple(span))
    return joined


def owned_by(text: str, start: int, outlet: str) -> bool:
    """Tell whether a mention follows its own outlet's possessive ("told Civic Radio 4's Morning
    Tide programme" in Civic Radio 4's report): the outlet's programme, not the story's."""
    before = text[max(0, start - len(outlet) - 4) : start]
    return bool(outlet) and before.rstrip().endswith((f"{outlet}'s", f"{outlet}’s"))


def mention_cues(text: str, spans: Sequence[Span], i: int) -> list[str]:
    """Return the cues the text around mention `i` of an article gives (module doc).

    Args:
        text: the article's text.
        spans: the article's entity mentions, in text order.
        i: the mention to read.
    """
    start, end, label, tagged = spans[i][0], spans[i][1], spans[i][2], spans[i][3]
    before = text[max(0, start - 40) : start].split()
    after = text[end : end + 40]
    words = [w.lower() for w in before]
    return (
        _place_cues(text, spans, i, words, after)
        + _body_cues(before, words, after, (label, tagged))
        + _thing_cues(before, words, after, tagged)
    )


def _place_cues(text: str, spans: Sequence[Span], i: int, words: list[str], after: str) -> list:
    kind_of = len(words) >= 2 and words[-1] == "of" and words[-2] in PLACE_KINDS
    cues = ["located"] if (words[-1:] and words[-1] in LOCATIVE) or kind_of else []
    if _seat_or_home(words, after):
        cues.append("placed")
    if _beside_a_place(text, spans, i):
        cues.append("placed")
    return cues


def _body_cues(
    before: list[str], words: list[str], after: str, mention: tuple[str, str]
) -> list[str]:
    label, tagged = mention
    cues = ["employer"] if _employer(words, after) else []
    # "Hurriyet newspaper" is a paper; "London newspaper" and "Arabic daily" say whose.
    masthead = _next_word(after) in MASTHEAD_KINDS and label not in PLACE_LABELS | {"NORP"}
    if _after_its_kind(words) or masthead:
        cues.append("firm")
    if self_named(before):
        cues.append("self_named")
    if _team(tagged, words, after):
        cues.append("team")
    definite = words[-1:] == ["the"] or tagged.lower().startswith("the ")
    if definite and _next_word(after) in CAMPAIGNS:
        cues.append("campaign")
    return cues


def _thing_cues(before: list[str], words: list[str], after: str, tagged: str) -> list[str]:
    described = _DESCRIBED.match(after)  # a person after all: "Tester, a ... senator,"
    cues = ["described"] if described and described.group(1).lower() in PEOPLE else []
    if words[-1:] and words[-1] in WORKS:
        cues.append("work")
    follower = _next_word(after)
    numbered = len(words) >= 2 and _MODEL_NUMBER.fullmatch(words[-1]) and before[-2][:1].isupper()
    if numbered or follower in VEHICLES:
        cues.append("model")  # "a black Porsche 911 Carrera", "his Range Tourer four-by-four"
    if words[-1:] == ["the"] and _THING_AFTER.match(after) and not _titled(tagged):
        cues.append("thing")
    if words[-1:] == ["the"] and (_VESSEL_AFTER.match(after) or words[-2:-1] in _VESSEL_BEFORE):
        cues.append("vessel")
    return cues


def corrected_label(name: str, label: str, cues: Counter[str], mentions: int) -> str:
    """Return the label a name's cues give it, for a name no role marks as a person.

    A name shaped like a body ("... Council") or a place ("Port ...", "... Road") is one unless
    its cues say otherwise; a cue counts when at least half the name's mentions show it (a
    third for a team, which is also named as its town: "beat Bransholm City", "Bransholm City
    were").
    """
    words = name.lower().split()
    if cues["self_named"] or 2 * cues["firm"] >= mentions:  # "a gang known as", "the broker"
        return "ORG"
    if label in ("GPE", "LOC", "ORG") and len(words) == 1 and 3 * cues["described"] >= mentions:
        return "PERSON"  # "Tester, a two-term Democratic senator", tagged as a place
    if label in ("PERSON", "ORG") and 2 * cues["work"] >= mentions:
        return "WORK_OF_ART"  # "the 2017 film Baby Driver"
    if cues["vessel"] or label == "PERSON" and cues["thing"]:
        return "PRODUCT"  # a ship or a thing: "the Saltmarsh Belle had", "the ferry, the X"
    if label in ("PERSON", "ORG") and 2 * cues["model"] >= mentions:
        return "PRODUCT"  # a car: "his Range Tourer four-by-four", "Porsche 911 Carrera"
    teamlike = len(words) >= 2 and words[-1] in TEAM_LAST
    if label in ("GPE", "LOC") and teamlike and 3 * cues["team"] >= mentions:
        return "ORG"
    if label in ("PERSON", "ORG"):
        return _shape_label(name, label, cues, mentions)
    if label in OTHER_LABELS and len(words) == 1 and 2 * cues["placed"] >= mentions:
        return "GPE"  # "to Fennick Green and Oakhollow", Oakhollow tagged as a product
    return label


def _shape_label(name: str, label: str, cues: Counter[str], mentions: int) -> str:
    words = name.lower().split()
    if shaped_as_body(name):
        return "ORG"
    if label == "ORG" and 2 * cues["campaign"] >= mentions:  # "the Save Wexley Road campaign"
        return "ORG"
    # "... Green" is a place ("Fennick Green") unless a given name comes before it ("Jim
    # Green", "Cary Joseph Heath").
    named = label == "PERSON" and any(is_given_name(word) for word in words[:-1])
    if len(words) >= 2 and (words[0] in PLACE_FIRST or words[-1] in PLACE_LAST and not named):
        return "GPE"
    # A company is often "in talks" or "at" somewhere, but a person seldom "in X"; a company
    # needs two cues of the stronger kind ("of Wrayford, near Kessmoor", "between Wrayford and")
    # or a dateline's capitals ("ZURICH, Switzerland").
    placed = cues["placed"]
    if label == "ORG" and (placed >= 2 or name.isupper()) and 2 * placed >= mentions:
        return "GPE"
    placed = placed if len(words) == 1 else 0  # "Leland and Sharon Bowman, of Marion"
    if label == "PERSON" and 2 * (cues["located"] + placed) >= mentions:
        return "GPE"
    if label == "PERSON" and 2 * cues["employer"] >= mentions:  # "a solicitor at X"
        return "ORG"
    if label == "PERSON" and any(c.isdigit() for c in words[-1]):  # "Quay 3", "Apollo 11"
        return "FAC" if words[0] in PLACE_LAST else "PRODUCT"
    return label


@lru_cache(maxsize=1)
def nicknamer() -> NickNamer:
    """Return the `nicknames` package's table of English given names and their nicknames."""
    return NickNamer()


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Tell whether a word is an English given name or a nickname of one ("Jim", "Sarah")."""
    table = nicknamer()
    return bool(table.nicknames_of(word) or table.canonicals_of(word))


def shaped_as_body(name: str | None) -> bool:
    """Tell whether a name ends as a body's does ("Kestrel Biologics", "Corrow Line")."""
    words = name.lower().split() if name else []
    return len(words) >= 2 and words[-1] in ORG_LAST


def _next_word(after: str) -> str:
    """Return the word right after a mention, lower-cased, without punctuation."""
    return after.split()[0].strip(",.;:").lower() if after.split() else ""


def _beside_a_place(text: str, spans: Sequence[Span], i: int) -> bool:
    """Tell whether a mention is paired by "and" with a mention tagged as a place after a
    preposition ("between Port Ardel and Bransholm", "from Wrayford and Kessmoor"), or is a
    dateline's town before its country ("ZURICH, Switzerland"). A list of people with their
    places is no pair ("Harry Reid of Nevada and Ernest Hollings")."""
    start, end, tagged = spans[i][0], spans[i][1], spans[i][3]
    if text[end : end + 2] in ("'s", "’s"):
        return False
    if i > 0 and _placelike(spans[i - 1]) and text[spans[i - 1][1] : start] == " and ":
        return _opens_a_pair(text, spans[i - 1][0])
    nxt = spans[i + 1] if i + 1 < len(spans) else None
    if nxt is None or not _placelike(nxt):
        return False
    if tagged.isupper() and text[end : nxt[0]] == ", " and _opens_a_line(text, start):
        return True
    return text[end : nxt[0]] == " and " and _opens_a_pair(text, start)


def _placelike(span: Span) -> bool:
    """Tell whether a mention is tagged as a place or shaped like one ("Port Ardel")."""
    words = span[3].lower().split()
    shaped = len(words) >= 2 and (words[0] in PLACE_FIRST or words[-1] in PLACE_LAST)
    return span[2] in PLACE_LABELS or shaped


def _opens_a_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _opens_a_pair(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in PAIRED_AFTER


def _titled(tagged: str) -> bool:
    """Tell whether a mention opens with a title ("Rev. Al Sharpton", "Prophet Mohammed")."""
    first = tagged.split()[0].lower() if tagged.split() else ""
    return first.endswith(".") or first in HONORIFICS | TITLES | {"prophet", "rev", "saint"}


def _seat_or_home(words: list[str], after: str) -> bool:
    """Tell whether a name is a seat ("the member for Kessmoor West", "his Kessmoor West
    seat"), a home ("Reinholt, 51, of Wrayford") or a town near another ("Wrayford, near")."""
    if words[-2:-1] and words[-1] == "for" and words[-2] in SEATS:
        return True
    if words[-2:-1] and words[-1] == "of" and re.fullmatch(r"\d{1,3},", words[-2]):
        return True
    follower = after.split()[0].lower() if after.split() else ""
    return after.startswith(", near ") or follower in ("seat", "constituency", "constituents")


def _employer(words: list[str], after: str) -> bool:
    """Tell whether a name follows a job and "at": "a solicitor at Ashcroft Lyle", "analysts
    at Hallam Vey" name a firm; "at Marsh's side" names a person."""
    if len(words) < 2 or words[-1] != "at" or after[:2] in ("'s", "’s"):
        return False
    return words[-2] in JOBS or words[-2].removesuffix("s") in JOBS


def _after_its_kind(words: list[str]) -> bool:
    """Tell whether a name follows its kind of firm: "the broker Corbury Sands", "the security
    firm Brightmoor Labs", "London tabloid The Sun" (no comma between: "the company, Smith
    said" names a person)."""
    if len(words) >= 2 and words[-1] == "the" and words[-2] in PRESS:
        return True
    if words[-1:] and words[-1] in MASTHEAD_KINDS:  # "the daily Hurriyet"
        return True
    determined = any(w in ("the", "its") for w in words[-4:-1])
    return determined and words[-1] in FIRMS


def _team(tagged: str, words: list[str], after: str) -> bool:
    """Tell whether a mention is a team's: a score after it ("Bransholm City 2-1") or a plural
    verb after a name that is not plural itself ("Bransholm City were")."""
    if _SCORE_AFTER.match(after) or re.search(r"\s\d{1,2}[-–]\d{1,2}$", tagged):
        return True
    joined = words[-1:] in (["and"], ["&"])
    return bool(_PLURAL_VERB.match(after)) and not tagged.endswith("s") and not joined
