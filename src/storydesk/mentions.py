"""Per-article spaCy analysis for quotes and entities, as plain JSON-ready data.

`article_mentions(article, nlp)` parses an article's kept paragraphs once and returns a dict
of lists (entity mentions, roles, quotes with their speakers as written), so the pipeline
can cache it per article; `quotes.extract_quotes` and `entities.extract_entities` combine
such dicts across a story. Every offset indexes into `Article.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from storydesk.models import Article
from storydesk.sentences import split_spans

VERSION = 1  # bump when the output of article_mentions changes (invalidates caches)
MAX_PARAGRAPH = 20_000


def _words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list."""
    return frozenset(text.split())


DISABLE = ("lemmatizer",)  # we match inflected speech verbs ourselves; lemmas cost time
ENTITY_LABELS = _words("PERSON ORG GPE LOC NORP FAC EVENT WORK_OF_ART LAW PRODUCT")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HONORIFICS = _words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. rev rev. sen sen. rep rep.
    """
)
SPEECH_VERBS = _words(
    """
    say said says saying tell told tells telling add added adds adding insist insisted insists
    insisting concede conceded concedes call called calls calling brand branded brands branding
    accuse accused accuses accusing slam slammed slams slamming describe described describes
    describing claim claimed claims claiming argue argued argues arguing warn warned warns
    warning explain explained explains explaining state stated states announce announced
    announces note noted notes noting admit admitted admits admitting acknowledge acknowledged
    acknowledges deny denied denies denying confirm confirmed confirms confirming allege alleged
    alleges assert asserted asserts reveal revealed reveals stress stressed stresses maintain
    maintained maintains suggest suggested suggests report reported write wrote writes writing
    contend contended predict predicted promise promised vow vowed vows testify testified recall
    recalled recalls complain complained complains emphasise emphasised emphasize emphasized
    agree agreed agrees shout shouted shouting yell yelled scream screamed ask asked asks asking
    reply replied replies respond responded responds quip quipped joke joked declare declared
    declares urge urged urges tweet tweeted tweets post posted continue continued remark
    remarked observe observed boast boasted lament lamented mutter muttered exclaim exclaimed
    whisper whispered remind reminded reminding talk talked talking conclude concluded cite cites
    cited stating chant
    chanted chanting sing sang cry cried dub dubbed label labelled labeled quote quoted retort
    retorted counter countered charge charged criticise criticised criticize criticized condemn
    condemned blast blasted attack attacked hail hailed praise praised
    """
)
# Verbs whose clause complement is reported speech (indirect quotes).
REPORT_VERBS = _words(
    """
    say said says tell told tells add added adds insist insisted insists concede conceded
    concedes claim claimed claims argue argued argues warn warned warns explain explained state
    stated announce announced note noted admit admitted acknowledge acknowledged deny denied
    confirm confirmed confirms allege alleged assert asserted reveal revealed stress stressed
    maintain maintained suggest suggested contend contended predict predicted promise promised
    vow vowed testify testified complain complained emphasised emphasized agreed saying claiming
    insisting adding arguing warning writes wrote write cautioned cautions indicated indicates
    explains
    """
)
SPEECH_NOUNS = _words(
    """
    words comments comment remarks remark statement statements claim claims tweet tweets post
    message interview speech letter op-ed quote
    """
)
PERSON_NOUNS = _words(
    """
    mayor minister president spokesman spokeswoman spokesperson official leader mp senator
    governor chairman chairwoman chair chief director actor actress singer star officer lawyer
    attorney judge prosecutor congressman congresswoman secretary ambassador commissioner
    manager coach player host presenter journalist reporter editor founder executive ceo
    candidate politician premier chancellor king queen prince princess father mother wife
    husband son daughter man woman boy girl teenager suspect victim witness doctor professor
    researcher scientist author writer lawmaker representative member councillor councilor
    activist campaigner analyst economist expert adviser advisor spokesperson pastor priest
    bishop sheriff captain lieutenant sergeant detective inspector constable owner resident
    neighbour neighbor friend brother sister boss banker billionaire businessman comedian rapper
    musician
    """
)
TITLES = _words(
    """
    councillor cllr president senator governor mayor judge justice minister chancellor secretary
    general gen gen. colonel col col. captain capt capt. sergeant sgt sgt. lieutenant lt lt.
    detective det det. chief pope king queen prince princess representative congressman
    congresswoman commissioner officer coach sheriff bishop father pastor rabbi imam professor
    """
)
NOT_ROLES = _words("caption image photo picture credit copyright file video playback getty")
RELATIVES = frozenset({"who", "that", "which", "whom"})
HE_SHE = frozenset({"he", "she", "him", "her", "his"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_COLON_NAME = re.compile(r"((?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+):\s*$")
_DOUBLE = '"“”„«»'
_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w])")
_CLOSE_SINGLE = re.compile(r"(?<=[^\s])[’'](?=$|[\s.,;:!?)\]—–-])")


@dataclass(slots=True)
class _Mark:
    """A quoted stretch of one paragraph: content offsets (local) and whether it closed."""

    start: int
    end: int
    closed: bool = True
    opens_para: bool = False


def find_quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return (start, end, closed) of quoted content in one paragraph (offsets into text)."""
    spans = _double_spans(text)
    spans += [s for s in _single_spans(text) if not any(a <= s[0] < b for a, b, _ in spans)]
    result = []
    for start, end, closed in sorted(spans):
        start, end = _trim(text, start, end)
        if end > start:
            result.append((start, end, closed))
    return result


def _double_spans(text: str) -> list[tuple[int, int, bool]]:
    """Pair double quotation marks in order of appearance (straight and curly alike)."""
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    for pos, char in enumerate(text):
        if char not in _DOUBLE:
            continue
        if opened is None:
            opened = pos + 1
        else:
            spans.append((opened, pos, True))
            opened = None
    if opened is not None and text[opened:].strip():
        spans.append((opened, len(text), False))
    return spans


def _single_spans(text: str) -> list[tuple[int, int, bool]]:
    """Pair single quotation marks that open before a word and close after one."""
    spans = []
    closers = [m.start() for m in _CLOSE_SINGLE.finditer(text)]
    pos = 0
    for opener in _OPEN_SINGLE.finditer(text):
        if opener.start() < pos:
            continue
        close = next((c for c in closers if c > opener.end()), None)
        if close is None:
            break
        spans.append((opener.end(), close, True))
        pos = close + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink quoted content past spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def paragraph_spans(article: Article) -> list[tuple[int, int]]:
    """Return the kept paragraph spans (all paragraphs when nothing is junk).

    A paragraph longer than MAX_PARAGRAPH (a scrape with no line breaks) is cut at sentence
    ends, so the parser's memory stays bounded and spaCy's max_length is never hit.
    """
    spans: list[tuple[int, int]] = []
    for start, end in article.kept_spans():
        if end - start <= MAX_PARAGRAPH:
            spans.append((start, end))
            continue
        chunk_start = chunk_end = start
        for _, sent_end in split_spans(article.text, start, end):
            if sent_end - chunk_start > MAX_PARAGRAPH and chunk_end > chunk_start:
                spans.append((chunk_start, chunk_end))
                chunk_start = chunk_end
            chunk_end = sent_end
        spans.extend(_pieces(chunk_start, end))
    return spans


def _pieces(start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span into pieces of at most MAX_PARAGRAPH characters."""
    return [(s, min(s + MAX_PARAGRAPH, end)) for s in range(start, end, MAX_PARAGRAPH)]


def article_mentions(article: Article, nlp: Any) -> dict[str, Any]:
    """Parse one article and return its entity mentions, roles and attributed quotes.

    Args:
        article: the article (its junk, if set, is skipped).
        nlp: a spaCy pipeline with parser and ner (see `storydesk.nlp.load_nlp`).

    Returns:
        A JSON-serialisable dict: article_id, version, entities [[start, end, label, text]],
        roles [[name, role]], descriptions [[text, name]], quotes [{start, end, kind,
        speaker (as written), speaker_type, verb}] — offsets into `article.text`.
    """
    return next(iter(mentions_many([article], nlp)))


def mentions_many(articles: Sequence[Article], nlp: Any) -> Iterator[dict[str, Any]]:
    """Yield `article_mentions` for each article, batching every paragraph through nlp.pipe."""
    spans = [paragraph_spans(article) for article in articles]
    texts = (
        article.text[s:e] for article, paras in zip(articles, spans, strict=True) for s, e in paras
    )
    docs = iter(nlp.pipe(texts, batch_size=64))
    for article, paras in zip(articles, spans, strict=True):
        parsed = [(start, next(docs)) for start, _ in paras]
        yield _Analysis(article, parsed).run()


@dataclass(slots=True)
class _Subject:
    """A clause subject in article order, with the person it names (if any)."""

    offset: int
    name: str | None
    main: bool


@dataclass
class _Analysis:
    """The state of analysing one article: paragraphs, names seen, subjects and quotes."""

    article: Article
    paras: list[tuple[int, Any]]
    surnames: set[str] = field(default_factory=set)
    subjects: list[_Subject] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)
    quoted: list[list[tuple[int, int, bool]]] = field(default_factory=list)
    roles: list[list[str]] = field(default_factory=list)
    descriptions: list[list[str]] = field(default_factory=list)

    def run(self) -> dict[str, Any]:
        """Analyse the article and return its plain-data mentions."""
        self.quoted = [find_quote_spans(doc.text) for _, doc in self.paras]
        entities = self._entities()
        self._collect_subjects()
        quotes = self._quotes()
        return {
            "article_id": self.article.id,
            "version": VERSION,
            "entities": entities,
            "roles": self.roles,
            "descriptions": self.descriptions,
            "quotes": quotes,
        }

    # -- entities and roles -------------------------------------------------------------

    def _entities(self) -> list[list[Any]]:
        """List entity mentions outside quotes, learn surnames and person roles."""
        found: list[list[Any]] = []
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for ent in doc.ents:
                if ent.label_ not in ENTITY_LABELS or _inside(ent.start_char, marks):
                    continue
                start = _honorific_start(ent)
                text = doc.text[start : ent.end_char]
                found.append([base + start, base + ent.end_char, ent.label_, text])
                if ent.label_ == "PERSON":
                    self.surnames.add(_clean_name(ent.text).split()[-1] if ent.text else "")
                    self._role(ent)
        found.extend(self._missed_surnames())
        return sorted(found)

    def _missed_surnames(self) -> list[list[Any]]:
        """Return mentions of a known person's surname that NER did not tag ("Livingstone left")."""
        found: list[list[Any]] = []
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for token in doc:
                if token.ent_type_ or token.pos_ != "PROPN" or token.text not in self.surnames:
                    continue
                if _inside(token.idx, marks) or token.dep_ == "compound":
                    continue
                start = token.idx
                if token.i > 0 and token.doc[token.i - 1].lower_ in HONORIFICS:
                    start = token.doc[token.i - 1].idx
                end = token.idx + len(token.text)
                found.append([base + start, base + end, "PERSON", doc.text[start:end]])
        return found

    def _role(self, ent: Any) -> None:
        """Record a title before a name ("MP John Mann") or an apposition after it."""
        name = _clean_name(ent.text)
        doc = ent.doc
        start = ent.start
        first = start
        while first > 0 and doc[first - 1].dep_ in ("compound", "amod", "nmod", "nummod"):
            first -= 1
        words = [t for t in doc[first:start] if t.lower_ not in HONORIFICS]
        if any(t.lower_ in NOT_ROLES for t in words):
            return  # "Media caption Gerry Adams": page furniture, not a title
        if words and words[-1].pos_ in ("NOUN", "PROPN") and words[-1].ent_type_ != "PERSON":
            self.roles.append([name, " ".join(t.text for t in words)])
        for child in ent.root.children:
            if child.dep_ == "appos" and child.ent_type_ == "" and child.pos_ == "NOUN":
                role = doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
                if len(role.split()) <= 8:
                    self.roles.append([name, role])

    # -- subjects and antecedents --------------------------------------------------------

    def _collect_subjects(self) -> None:
        """Record, in article order, clause subjects and person mentions outside quotes."""
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for token in doc:
                if _inside(token.idx, marks):
                    continue
                name = self._name_of(token)
                if name and token.ent_iob_ in ("B", "") and self._is_person(name, token):
                    self.persons.append((base + token.idx, name))
                if token.dep_ in SUBJECT_DEPS:
                    main = token.head.dep_ in ("ROOT", "conj") or _is_speech(token.head)
                    person = self._subject_person(token, base) if main else None
                    self.subjects.append(_Subject(base + token.idx, person, main))

    def _subject_person(self, token: Any, base: int) -> str | None:
        """Return the person a clause subject names or refers to (None for anything else)."""
        name = self._name_of(token)
        if name:
            return name if self._is_person(name, token) else None
        return self._resolve(token, base, describe=False)

    def _is_person(self, name: str, token: Any) -> bool:
        """Tell whether a name is a person's (by NER, or a known person's surname)."""
        if token.ent_type_ == "PERSON":
            return True
        return name.split()[-1] in self.surnames

    def _name_of(self, token: Any) -> str | None:
        """Return the name a token belongs to (entity or proper-noun compound), if any."""
        if token.ent_type_ in NAME_LABELS:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return _clean_name(ent.text) or None
        if token.pos_ == "PROPN" and token.dep_ != "compound":
            parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            text = " ".join(t.text for t in [*parts, token])
            return _clean_name(text) or None
        return None

    def _antecedent(self, offset: int, description: str | None = None) -> str | None:
        """Return the person a pronoun or description at offset most likely refers to."""
        for subject in reversed(self.subjects):
            fits = description is None or self._fits(subject.name or "", description)
            if subject.offset < offset and subject.main and subject.name and fits:
                return subject.name
        for pos, name in reversed(self.persons):
            if pos < offset and (description is None or self._fits(name, description)):
                return name
        return None

    def _fits(self, name: str, description: str) -> bool:
        """Tell whether a person may be called by a description (role words agree if known)."""
        surname = name.split()[-1] if name else ""
        known = [role.lower() for who, role in self.roles if who.split()[-1:] == [surname]]
        head = description.lower().split()[-1]
        return not known or any(head in role for role in known)

    def _resolve(self, token: Any, base: int, describe: bool = True) -> str | None:
        """Return the person or organisation a subject token names, resolving pronouns.

        With `describe`, an unnamed source is returned as its noun phrase ("police").
        """
        if token.lower_ in RELATIVES and token.head.dep_ == "relcl":
            token = _relative_antecedent(token)
        name = self._name_of(token)
        if name:
            return name
        for child in token.children:
            if child.dep_ == "appos" and self._name_of(child):
                return self._name_of(child)
        if token.lower_ in HE_SHE:
            return self._antecedent(base + token.idx)
        if _is_person_description(token):
            found = self._antecedent(base + token.idx, _description(token))
            if found:
                self.descriptions.append([_description(token, keep_det=True), found])
            return found
        if describe and token.pos_ in ("NOUN", "PROPN") and token.lower_ not in SPEECH_NOUNS:
            return _description(token)  # an unnamed source: "police", "the company"
        return None

    # -- quotes ---------------------------------------------------------------------------

    def _quotes(self) -> list[dict[str, Any]]:
        """Find and attribute direct quotes, then indirect speech, in every paragraph."""
        quotes: list[dict[str, Any]] = []
        last: tuple[int, str | None] = (-1, None)
        pending: list[dict[str, Any]] = []  # a quote still open at its paragraph's end
        for index, ((base, doc), marks) in enumerate(zip(self.paras, self.quoted, strict=True)):
            found = self._paragraph_quotes(index, base, doc, marks, last, pending)
            found += self._indirect(doc, base, marks)
            quotes += found
            named = [q for q in found if q["speaker"] and _keep(q, self.article.text)]
            if named:
                last = (index, named[-1]["speaker"])
            elif doc.text.rstrip().endswith(":"):
                last = (index, self._colon_speaker(doc, base))
        kept = [q for q in quotes if _keep(q, self.article.text)]
        return sorted(kept, key=lambda q: q["start"])

    def _paragraph_quotes(
        self,
        index: int,
        base: int,
        doc: Any,
        marks: list[tuple[int, int, bool]],
        last: tuple[int, str | None],
        pending: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """Attribute one paragraph's direct quotes; extend a quote left open before it."""
        found: list[dict[str, Any]] = []
        open_quote = pending.pop() if pending else None
        for start, end, closed in marks:
            opens = not doc.text[:start].strip(_DOUBLE + "‘' ")
            if open_quote is not None and opens:
                self._continue(open_quote, doc, base, (start, end, closed), marks)
            else:
                record = {"start": base + start, "end": base + end, "kind": "direct"}
                record.update(self._attribute(doc, base, start, end, marks))
                self._fill_speaker(record, found, opens, index, last)
                found.append(record)
                open_quote = record
            open_quote = None if closed else open_quote
        if open_quote is not None:
            pending.append(open_quote)
        return found

    def _continue(
        self,
        quote: dict[str, Any],
        doc: Any,
        base: int,
        mark: tuple[int, int, bool],
        marks: list[tuple[int, int, bool]],
    ) -> None:
        """Extend a quote over a paragraph that opens with a quotation mark (newswire style)."""
        quote["end"] = base + mark[1]
        if quote["speaker"] is None:
            quote.update(self._attribute(doc, base, mark[0], mark[1], marks))

    def _fill_speaker(
        self,
        record: dict[str, Any],
        found: list[dict[str, Any]],
        opens: bool,
        index: int,
        last: tuple[int, str | None],
    ) -> None:
        """Give an unattributed quote the speaker of the quote before it in its paragraph,
        or, when it opens the paragraph, the previous paragraph's speaker."""
        earlier = [q for q in found if q["speaker"]]
        if record["speaker"] is None and earlier:
            record.update(speaker=earlier[-1]["speaker"], speaker_type="carried")
        elif record["speaker"] is None and opens:
            record.update(self._carry(index, last))

    def _carry(self, index: int, last: tuple[int, str | None]) -> dict[str, Any]:
        """Give a quote that opens its paragraph the previous paragraph's speaker."""
        if last[1] is not None and last[0] == index - 1:
            return {"speaker": last[1], "speaker_type": "carried", "verb": False}
        return {}

    def _colon_speaker(self, doc: Any, base: int) -> str | None:
        """Return who speaks in a paragraph that ends 'X said:'."""
        sent = list(doc.sents)[-1]
        verbs = [t for t in sent if _is_speech(t)]
        return self._speaker_of(verbs[-1], base) if verbs else None

    def _attribute(
        self, doc: Any, base: int, start: int, end: int, marks: list[tuple[int, int, bool]]
    ) -> dict[str, Any]:
        """Find the speech verb of a quote and the speaker it names."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return {"speaker": None, "speaker_type": None, "verb": False}
        label = self._colon_label(doc, start)
        if label is not None:
            return {"speaker": label, "speaker_type": "label", "verb": True}
        verb, governs = self._governing_verb(span, marks)
        if verb is not None:
            speaker = self._speaker_of(verb, base, marks)
            if speaker is not None:
                return {"speaker": speaker, "speaker_type": "verb", "verb": governs}
        according = self._according(span, marks)
        if according is not None:
            return {
                "speaker": self._resolve(according, base),
                "speaker_type": "according",
                "verb": True,
            }
        return {"speaker": None, "speaker_type": None, "verb": governs}

    def _colon_label(self, doc: Any, start: int) -> str | None:
        """Return the name in a caption-style "Gerry Adams: "..."" just before a quote."""
        match = _COLON_NAME.search(doc.text, 0, max(0, start - 1))
        if match is None:
            return None
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is None or not self._name_of(span[-1]):
            return None
        if any(_is_speech(t) for t in doc[span.sent.start : span.start]):
            return None  # "X told BBC Radio:": the verb's subject speaks, not the label
        return _clean_name(match.group(1))

    def _governing_verb(self, span: Any, marks: list[tuple[int, int, bool]]) -> tuple[Any, bool]:
        """Return the speech verb (or noun) outside quotes that introduces the span.

        The flag tells whether the verb governs the quote in the parse (else it is only near).
        """
        for ancestor in span.root.ancestors:
            if not _inside(ancestor.idx, marks) and _is_speech(ancestor):
                return ancestor, True
        sents = list(span.doc.sents)
        region = [s for s in sents if s.start_char < span.end_char and s.end_char > span.start_char]
        candidates = [t for s in region for t in s if not _inside(t.idx, marks) and _is_speech(t)]
        if not candidates:
            nxt = [s for s in span.doc.sents if s.start_char >= span.end_char][:1]
            candidates = [t for s in nxt for t in s if not _inside(t.idx, marks) and _is_speech(t)]
            candidates = [t for t in candidates if t.tag_ != "VBG"]
        if not candidates:
            return None, False
        return min(candidates, key=lambda t: _distance(t, span)), False

    def _according(self, span: Any, marks: list[tuple[int, int, bool]]) -> Any:
        """Return the source token of an 'according to X' in the quote's sentence."""
        sent = span.sent
        for token in sent:
            if token.lower_ == "according" and not _inside(token.idx, marks):
                to = next((c for c in token.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                if obj is not None:
                    return obj
        return None

    def _speaker_of(
        self, verb: Any, base: int, marks: Sequence[tuple[int, int, bool]] = ()
    ) -> str | None:
        """Return the resolved subject (or possessor, or agent) of a speech verb or noun."""
        if verb.pos_ == "NOUN":
            owners = [c for c in verb.children if c.dep_ in ("poss", "compound")]
            owner = next((c for c in owners if c.dep_ == "poss" or self._name_of(c)), None)
            return self._resolve(owner, base) if owner is not None else None
        token = verb
        for _ in range(4):
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            outside = [c for c in token.children if not _inside(c.idx, marks)]
            subject = next((c for c in outside if c.dep_ == "nsubj"), None)
            if agent is not None and token.tag_ == "VBN":
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self._resolve(obj, base)
            if subject is None:
                subject = next((c for c in outside if c.dep_ == "nsubjpass"), None)
                if subject is not None and token is verb:
                    subject = None  # "X was told": X is the listener, not the speaker
            if subject is not None:
                return self._resolve(subject, base)
            if token.dep_ == "relcl":
                return self._resolve(token.head, base)
            if token.head is token or _inside(token.head.idx, marks):
                break
            token = token.head
        return self._neighbour(verb, base)

    def _neighbour(self, verb: Any, base: int) -> str | None:
        """Return a name or pronoun right next to a verb the parse left without a subject."""
        doc = verb.doc
        for index in (verb.i + 1, verb.i - 1):
            if 0 <= index < len(doc) and (self._name_of(doc[index]) or doc[index].lower_ in HE_SHE):
                return self._resolve(doc[index], base, describe=False)
        return None

    def _indirect(
        self, doc: Any, base: int, marks: list[tuple[int, int, bool]]
    ) -> list[dict[str, Any]]:
        """Find reported speech: a reporting verb's clause complement with no quote in it."""
        found = []
        for token in doc:
            if token.lower_ == "according" and not _inside(token.idx, marks):
                found.extend(self._according_clause(token, base, marks))
            if token.lower_ not in REPORT_VERBS or _inside(token.idx, marks):
                continue
            reported = _reported_span(token, marks)
            if reported is None:
                continue
            start, end = reported
            speaker = self._speaker_of(token, base, marks)
            if speaker is None:
                continue
            found.append(
                {
                    "start": base + start,
                    "end": base + end,
                    "kind": "indirect",
                    "speaker": speaker,
                    "speaker_type": "verb",
                    "verb": True,
                }
            )
        return _outermost(found)

    def _according_clause(
        self, token: Any, base: int, marks: list[tuple[int, int, bool]]
    ) -> list[dict[str, Any]]:
        """Return the claim of "according to X, ..." (the sentence without that phrase)."""
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None:
            return []
        sent = token.sent
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
        start, end = (right, sent.end_char) if left <= sent.start_char else (sent.start_char, left)
        text = token.doc.text
        start, end = _trim(text, start, end)
        while start < end and text[start] in ",;:-– ":
            start += 1
        end = len(text[:end].rstrip(" ,.;:-–"))
        speaker = self._resolve(source, base)
        if end - start < 15 or speaker is None or any(s < end and e > start for s, e, _ in marks):
            return []
        return [
            {
                "start": base + start,
                "end": base + end,
                "kind": "indirect",
                "speaker": speaker,
                "speaker_type": "according",
                "verb": True,
            }
        ]


def _reported_span(verb: Any, marks: list[tuple[int, int, bool]]) -> tuple[int, int] | None:
    """Return the (local) span of what a reporting verb reports, or None.

    "X said (that) CLAUSE." reports up to the sentence's end; "CLAUSE, X said." from the
    sentence's start to the attribution. A report that holds a direct quote is left to it.
    """
    sent = verb.sent
    text = verb.doc.text
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None and clause.i > verb.i:
        first = clause.left_edge
        if first.lower_ == "that" and first.i + 1 < sent.end:
            first = verb.doc[first.i + 1]
        start, end = first.idx, sent.end_char
    elif clause is not None or (verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i):
        head = clause if clause is not None else verb.head
        start = sent.start_char
        end = min(verb.left_edge.idx, verb.idx) if clause is None else _end(head.right_edge)
        if clause is None and verb.head.left_edge.i > sent.start:
            return None
    else:
        return None
    for mark_start, _mark_end, _ in marks:
        if start - 1 <= mark_start < end:
            before = text[start : mark_start - 1].rstrip()
            if not before.endswith((".", "!", "?")):
                return None  # the report holds a direct quote: that quote is the item
            end = len(before)
    start, end = _trim(text, start, end)
    end = len(text[:end].rstrip(" ,.;:-–—\"'“”"))
    words = text[start:end].split()
    if len(words) < 4 or any(start - 1 <= m < end or start <= e <= end for m, e, _ in marks):
        return None
    return start, end


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _outermost(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop reported spans that lie inside another (nested reporting verbs)."""
    return [
        q
        for q in found
        if not any(o is not q and o["start"] <= q["start"] and q["end"] <= o["end"] for o in found)
    ]


def _keep(quote: dict[str, Any], text: str) -> bool:
    """Drop scare quotes and titles: short quotes with no speech verb, unattributed fragments."""
    words = text[quote["start"] : quote["end"]].split()
    if len(words) <= 4 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return False  # a title or a name in quotation marks, not speech
    if quote.get("verb"):
        return True
    if len(words) <= 3:
        return False  # a scare quote near, but not governed by, a speech verb
    if quote["speaker"] is not None and quote.get("speaker_type") == "carried":
        return True
    return len(words) > 3 and quote["speaker"] is not None


def _relative_antecedent(token: Any) -> Any:
    """Return what a relative pronoun refers to: the noun just before it, else the parse's."""
    before = token.i - 1
    while before >= 0 and token.doc[before].is_punct:
        before -= 1
    if before >= 0 and token.doc[before].pos_ == "PROPN":
        return token.doc[before]
    return token.head.head


def _is_speech(token: Any) -> bool:
    if token.i >= 2 and token.doc[token.i - 2].lower_ == "so" and token.lower_ == "called":
        return False  # "so-called": a scare quote, not speech
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return token.lower_ in SPEECH_VERBS
    return token.pos_ == "NOUN" and token.lower_ in SPEECH_NOUNS


def _is_person_description(token: Any) -> bool:
    """Tell whether a subject is a definite description of a person ("the former mayor")."""
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or token.pos_ != "NOUN":
        return False
    return token.lower_ in PERSON_NOUNS or token.lower_.endswith(("ist", "ian", "man", "woman"))


def _description(token: Any, keep_det: bool = False) -> str:
    """Return a noun phrase's words up to its head ("former London mayor")."""
    first = token.left_edge
    if not keep_det and first.dep_ == "det" and first.i < token.i:
        first = token.doc[first.i + 1]
    return " ".join(token.doc.text[first.idx : token.idx + len(token.text)].split())


def _distance(token: Any, span: Any) -> int:
    if token.i < span.start:
        return span.start - token.i
    return token.i - span.end + 1


def _inside(pos: int, marks: Iterable[tuple[int, int, bool]]) -> bool:
    """Tell whether a local offset lies inside a quoted stretch (marks included)."""
    return any(start - 1 <= pos <= end for start, end, _ in marks)


def _honorific_start(ent: Any) -> int:
    """Return the start of an entity extended over an honorific just before it ("Mr")."""
    if ent.label_ == "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS:
        return int(ent.doc[ent.start - 1].idx)
    return int(ent.start_char)


def _clean_name(text: str) -> str:
    """Strip honorifics, possessives, 'the' and stray punctuation from a name."""
    text = re.sub(r"['’]s?$", "", text.strip()).strip(" ,.-–—\"'“”‘’")
    words = text.split()
    while len(words) > 1 and words[0].lower() in _STRIP:
        words = words[1:]
    return " ".join(words)


_STRIP = HONORIFICS | TITLES | {"the", "former", "prime", "deputy", "vice"}
