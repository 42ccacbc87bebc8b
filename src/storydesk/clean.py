"""Clean scraped article text: mark junk lines and repeated sentences as dropped spans.

Cleaning is a view over `Article.text`: the raw text never changes; `Article.junk` lists the
dropped spans with a short reason ("caption", "call-to-action", ...) and `clean_text` is
the kept paragraphs joined by blank lines, exactly as `Article.kept_spans()` sees them.
Rules work on lines (see `junk_rules`), plus three things a single line cannot tell:
the article's own headline, sentences it already said, and lines that recur across many
articles of one outlet (boilerplate learnt from the corpus).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import string
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from storydesk import junk_gate as gate
from storydesk import junk_rules as rules
from storydesk.junk_layout import mark_layout_junk
from storydesk.lexicon import SPEECH_VERBS
from storydesk.models import UNKNOWN_OUTLET, Article, Junk
from storydesk.registry import get as get_backend
from storydesk.registry import register
from storydesk.sentences import split_spans
from storydesk.settings import Settings

Trigram = tuple[bytes, bytes, bytes]
# The (start, end) spans of an article's non-empty lines and their `line_key`s.
LineTable = tuple[list[tuple[int, int]], list[str]]
# Per outlet, the keys of the lines learnt to be its boilerplate.
Boilerplate = dict[str, frozenset[str]]
# Punctuation to blank out before splitting words (faster than a \w+ regex).
# Words are compared as UTF-8 bytes: bytes.translate is several times faster than
# str.translate on non-ASCII text. Non-ASCII punctuation is blanked first.
_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_WIDE_PUNCTUATION = "“”‘’—–…«»·•"
# Connectives and attributions that do not make a repeated sentence new.
CONNECTIVE = re.compile(
    r"^(?:however|but|and|also|meanwhile|still|yet|again|indeed|moreover|further(?:more)?|"
    r"in addition|additionally|nevertheless|nonetheless)\b[\s,]*",
    re.IGNORECASE,
)
# Function words: a caption is "new" only through the content words it adds.
STOPWORDS = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been being
    he she it they we i you his her its their our my your that this these those who whom which
    what when where why how not no so if than then there here has have had do does did will
    would can could should may might must shall mr mrs ms dr said says say also after before
    about into over under up down out more most very just""".split()  # noqa: SIM905
)
_STOPWORDS = frozenset(w.encode() for w in STOPWORDS)
# A later sentence sharing this share of its word trigrams with an earlier one is a repeat.
REPEAT_OVERLAP = 0.6
# ... and adds at most this share of words the earlier sentence lacks; shorter ones never.
REPEAT_NEW_WORDS = 0.1
REPEAT_MIN_WORDS = 10
REPEAT_MIN_HITS = 4
# A caption's text is kept (only its credit dropped) when it is a full sentence of at least
# CAPTION_KEEP_WORDS words (short ones describe the picture) and this share of its words is new.
CAPTION_NOVELTY = 0.2
CAPTION_KEEP_WORDS = 12
# Captions tell the picture in the present tense ("Gail Pennock speaks to reporters outside
# ..."): a named subject, then a present-tense verb that is not one of saying.
PRESENT_CAPTION = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,4}([a-z]{2,}[a-rt-z]s)\b")
# A live blog's time stamp opening an entry: "12:55 A.M. Hamas says ..." (the entry is kept).
LEADING_STAMP = re.compile(rf"(?i:{rules.CLOCK})\s+(?=[\"“‘'A-Z])")
# ... and the reporter or agency credited after an entry's last sentence: "... (Gili Cohen)".
_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
TRAILING_BYLINE = re.compile(rf"(?<=[.!?\"”’])\s*\({_NAME}(?:(?:,| and| &) {_NAME})*(?<![.!?])\)$")
# Words a headline-as-caption line may carry after the headline itself.
CREDIT_TAIL = re.compile(
    r"^(?:" + rules.AGENCY + r"(?:\s*/\s*[\w .'’-]++)*+|photo|file|video)?\W*$", re.IGNORECASE
)
BOILERPLATE_MIN_ARTICLES = 3
BOILERPLATE_MAX_WORDS = 40
# Batches this large are cleaned in one process per core; smaller ones are not worth
# starting processes for (forking takes milliseconds, cleaning under 1 ms an article).
PARALLEL_MIN_ARTICLES = 400


def clean(
    articles: Sequence[Article], *, settings: Settings, corpus: Sequence[Article] = ()
) -> list[Article]:
    """Set `clean_text` and `junk` on every article with the configured cleaner.

    Args:
        articles: articles as ingested.
        settings: storydesk settings (`settings.cleaner` names the backend).
        corpus: other stored articles, from which recurring outlet boilerplate is learnt.

    Returns:
        The articles, in the same order, with `clean_text` and `junk` set.
    """
    backend = get_backend("cleaner", settings.cleaner)
    return list(backend(articles, settings=settings, corpus=corpus))


@register("cleaner", "rules.v1")
def clean_with_rules(
    articles: Sequence[Article],
    *,
    settings: Settings,
    corpus: Sequence[Article] = (),
    workers: int | None = None,
) -> list[Article]:
    """Clean articles with the line rules, headline and repeat checks and corpus boilerplate.

    Batches of PARALLEL_MIN_ARTICLES or more are cleaned in `workers` processes where they
    can be forked (a single-threaded process on Linux). The default is one per core unless
    other work keeps more than half a core busy (load average over 1.5 on 2 cores). The
    result is the same, in the same order, as in one process.
    """
    if workers is None:
        workers = _default_workers(len(articles))
    if workers > 1 and len(articles) > 1 and _can_fork():
        try:
            return _clean_in_processes(list(articles), corpus, workers)
        except (OSError, BrokenProcessPool):
            pass  # no processes can be started here (sandbox, resource limits)
    # Every line's key is worked out once, for learning boilerplate and for cleaning.
    tables = _line_tables([article.text for article in articles])
    return _clean_batch(articles, tables, _boilerplate(corpus, articles, tables))


def _boilerplate(
    corpus: Sequence[Article], articles: Sequence[Article], tables: Sequence[LineTable]
) -> Boilerplate:
    """Learn boilerplate from the corpus and from the articles, whose lines are keyed."""
    keys = [keys for _, keys in tables]
    return _learn_boilerplate([*_outlet_keys(corpus), *_outlet_keys(articles, keys)])


def _line_tables(texts: Sequence[str]) -> list[LineTable]:
    return [line_table(text) for text in texts]


def _clean_batch(
    articles: Sequence[Article], tables: Sequence[LineTable], boilerplate: Boilerplate
) -> list[Article]:
    """Clean articles in this process with the boilerplate learnt for their outlets."""
    return [
        clean_article(
            article, boilerplate=boilerplate.get(article.outlet, frozenset()), table=table
        )
        for article, table in zip(articles, tables, strict=True)
    ]


def _default_workers(count: int) -> int:
    """Return how many processes to clean count articles in: one per core, if many."""
    if count < PARALLEL_MIN_ARTICLES:
        return 1
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]  # counts this process, while it works
    except (AttributeError, OSError):
        load = 0.0
    # Cores that other work keeps busy give extra processes little time, and pickling costs
    # more CPU: at a load of 2.2-2.7 on 2 cores (this process included) 2 processes ran at
    # 0.77-1.52x the speed of one, below 1x in most runs of 1000-2500 articles.
    return max(1, min(cores, int(cores + 1.5 - load)))


def _clean_in_processes(
    articles: list[Article], corpus: Sequence[Article], workers: int
) -> list[Article]:
    """Key lines, then clean, in this process and workers - 1 others; keep the input order.

    Each process takes one contiguous part; this one works on the first part meanwhile,
    rather than waiting, which also spares pickling it.
    """
    size = -(-len(articles) // workers)
    parts = [articles[i : i + size] for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(parts) - 1, mp_context=context) as pool:
        keyed = [pool.submit(_line_tables, [a.text for a in part]) for part in parts[1:]]
        tables = _line_tables([a.text for a in parts[0]])
        tables += [table for future in keyed for table in future.result()]
        boilerplate = _boilerplate(corpus, articles, tables)
        cleaning = [
            pool.submit(_clean_batch, part, tables[i * size : (i + 1) * size], boilerplate)
            for i, part in enumerate(parts[1:], start=1)
        ]
        cleaned = _clean_batch(parts[0], tables[:size], boilerplate)
        return cleaned + [article for future in cleaning for article in future.result()]


def _can_fork() -> bool:
    """Tell whether workers can be forked: cheap to start, and safe with no other thread.

    Fresh interpreters ("spawn") would re-import the caller's main module, which a script
    without an `if __name__ == "__main__":` guard does not survive; those callers (and
    threaded ones, like a web server) clean in their own process.
    """
    # macOS offers fork too, but its system libraries are not safe to fork.
    return sys.platform == "linux" and threading.active_count() == 1


@register("cleaner", "none.v1")
def keep_everything(
    articles: Sequence[Article], *, settings: Settings, corpus: Sequence[Article] = ()
) -> list[Article]:
    """Drop nothing: every line is kept (a baseline, and a way to switch cleaning off)."""
    return [with_junk(article, ()) for article in articles]


def clean_article(
    article: Article, *, boilerplate: frozenset[str] = frozenset(), table: LineTable | None = None
) -> Article:
    """Return the article with its junk spans and clean text set.

    `table` is `line_table(article.text)` when the caller has it already.
    """
    spans, keys = table or line_table(article.text)
    junk = line_junk(article, boilerplate=boilerplate, table=(spans, keys))
    ordered = _ordered(junk)
    kept = _kept_spans(article.text, spans, ordered)
    repeats = _repeated_sentences(article.text, kept, dict(zip(spans, keys, strict=True)))
    if repeats:
        return with_junk(article, junk + repeats)
    return replace(article, junk=ordered, clean_text=_joined(article.text, kept))


def with_junk(article: Article, junk: Iterable[Junk]) -> Article:
    """Return the article with these junk spans and the clean text they leave."""
    marked = replace(article, junk=_ordered(junk))
    return replace(marked, clean_text=_joined(article.text, marked.kept_spans()))


def _ordered(junk: Iterable[Junk]) -> tuple[Junk, ...]:
    return tuple(sorted(junk, key=lambda j: (j.start, j.end)))


def _joined(text: str, spans: Iterable[tuple[int, int]]) -> str:
    return "\n\n".join(text[s:e] for s, e in spans)


def _kept_spans(
    text: str, lines: Sequence[tuple[int, int]], junk: Sequence[Junk]
) -> list[tuple[int, int]]:
    """Return `Article.kept_spans()` given the line spans and the junk sorted by start.

    Junk never crosses a line, so most lines are kept whole without looking at the text.
    """
    kept = []
    index = 0
    for start, end in lines:
        while index < len(junk) and junk[index].end <= start:
            index += 1
        if index == len(junk) or junk[index].start >= end:
            kept.append((start, end))
            continue
        cur = start
        for piece in junk[index:]:
            if piece.start >= end:
                break
            kept.extend(_stripped(text, cur, piece.start))
            cur = max(cur, piece.end)
        kept.extend(_stripped(text, cur, end))
    return kept


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return [the span without surrounding spaces], or [] if it holds only spaces."""
    part = text[start:end]
    body = part.strip()
    if not body:
        return []
    lead = start + len(part) - len(part.lstrip())
    return [(lead, lead + len(body))]


def line_table(text: str) -> LineTable:
    """Return the spans of the non-empty lines of text and their keys (see `line_key`)."""
    spans = line_spans(text)
    return spans, [line_key(text[s:e]) for s, e in spans]


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the non-empty lines, without surrounding spaces.

    Lines are split as `str.splitlines` splits them, like `Article.kept_spans()`.
    """
    spans = []
    pos = 0
    # Every line break is also a space to str.strip, so one strip removes both.
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            start = pos + len(line) - len(line.lstrip())
            spans.append((start, start + len(body)))
        pos += len(line)
    return spans


def line_junk(
    article: Article, *, boilerplate: frozenset[str] = frozenset(), table: LineTable | None = None
) -> list[Junk]:
    """Return the junk spans found line by line (whole lines, or a caption's credit)."""
    text = article.text
    spans, keys = table or line_table(text)
    lines = [text[s:e] for s, e in spans]
    reasons = classify_lines(lines, title=article.title, boilerplate=boilerplate, keys=keys)
    junk = [Junk(s, e, r) for (s, e), r in zip(spans, reasons, strict=True) if r]
    kept = [line for line, reason in zip(lines, reasons, strict=True) if not reason]
    for (start, end), line, reason in zip(spans, lines, reasons, strict=True):
        if reason is None and rules.trailing_credit(line):
            junk.extend(_credit_junk(line, start, end, _words(" ".join(kept))))
        if reason is None and line[:1].isdigit() and (stamp := LEADING_STAMP.match(line)):
            junk.append(Junk(start, start + stamp.end(), "timestamp"))
        if reason is None and line.endswith(")") and (credit := TRAILING_BYLINE.search(line)):
            junk.append(Junk(start + credit.start(), end, "byline"))
    return junk


def classify_lines(
    lines: Sequence[str],
    *,
    title: str = "",
    boilerplate: frozenset[str] = frozenset(),
    keys: Sequence[str] | None = None,
) -> list[str | None]:
    """Return a junk reason (or None for content) for every line, using its neighbours too.

    `keys` are the lines' `line_key`s when the caller has them already.
    """
    title_key = line_key(title)
    reasons = [classify_line(line, title_key=title_key) for line in lines]
    if boilerplate:
        for i, key in enumerate(keys if keys is not None else map(line_key, lines)):
            if reasons[i] is None and key in boilerplate:
                reasons[i] = "corpus-boilerplate"
    mark_layout_junk(lines, reasons)
    return reasons


def classify_line(line: str, *, title_key: str = "") -> str | None:
    """Return the junk reason of one stripped line on its own, or None if it is content."""
    if title_key and _is_headline_repeat(line, title_key):
        return "headline-repeat"
    words = line.count(" ") + 1
    if words > gate.MAX_WORDS or len(line) > gate.MAX_CHARS:
        return None
    return gate.classify(line, line.lower(), words)


def _is_headline_repeat(line: str, title_key: str) -> bool:
    """Tell whether a line is the headline, alone or followed by a picture credit."""
    if len(title_key.split()) < 3 or line[:1].lower() != title_key[:1]:
        return False
    key = line_key(line)
    if not key.startswith(title_key):
        return False
    return bool(CREDIT_TAIL.match(key[len(title_key) :].strip()))


def _credit_junk(line: str, start: int, end: int, kept_words: Counter[bytes]) -> list[Junk]:
    """Return junk for a line ending in a picture credit ("... Credit: PA").

    The whole line is a caption unless its text is a long full sentence whose words are
    largely new to the article: then only the credit goes, so no news is lost.
    """
    match = rules.trailing_credit(line)
    if match is None:
        return []
    body = line[: match.start()].rstrip()
    if (
        not _present_caption(body)
        and body.endswith((".", "!", "?"))
        and len(body.split()) >= CAPTION_KEEP_WORDS
        and _novelty(body, kept_words) >= CAPTION_NOVELTY
    ):
        credit = match.start() + len(match.group()) - len(match.group().lstrip())
        return [Junk(start + credit, end, "photo-credit")]
    return [Junk(start, end, "caption")]


def _present_caption(body: str) -> bool:
    """Tell whether a credited text tells its picture in the present tense (`PRESENT_CAPTION`);
    "Ken Livingstone says ..." opens news."""
    match = PRESENT_CAPTION.match(body)
    return match is not None and match.group(1) not in SPEECH_VERBS


def _novelty(body: str, kept_words: Counter[bytes]) -> float:
    """Return the share of the content words of body that the rest of the article lacks."""
    own = _words(body)
    content = [w for w in own if w not in _STOPWORDS and len(w) > 2]
    if len(content) < 6:
        return 0.0
    new = sum(1 for w in content if kept_words[w] <= own[w])
    return new / len(content)


def _words(text: str) -> Counter[bytes]:
    return Counter(words_of(text))


def words_of(text: str) -> list[bytes]:
    """Return the lower-cased words of text, punctuation removed, as UTF-8 bytes."""
    text = text.lower()
    for mark in _WIDE_PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    return text.encode("utf-8").translate(_PUNCTUATION).split()


def repeated_sentences(article: Article) -> list[Junk]:
    """Return a junk span for every kept sentence that repeats an earlier one.

    A repeat shares most of its word trigrams with one earlier sentence (or paragraph) and
    adds almost no word of its own, once a leading connective ("However, ...") is ignored;
    the first telling is kept. Paragraphs sharing too few trigrams with what came before (most
    of them) are registered whole, without splitting them into sentences.
    """
    return _repeated_sentences(article.text, article.kept_spans(), {})


def _repeated_sentences(
    text: str, kept: Sequence[tuple[int, int]], keys: dict[tuple[int, int], str]
) -> list[Junk]:
    """Return the repeated-sentence junk among the kept spans of text.

    `keys` maps the spans whose `line_key` was worked out already to it.
    """
    told = _Told()
    junk = []
    for start, end in kept:
        key = keys.get((start, end))
        words = key.encode("utf-8").split() if key is not None else words_of(text[start:end])
        grams = set(zip(words, words[1:], words[2:], strict=False))
        # A repeat needs REPEAT_MIN_HITS trigrams seen before (here or in earlier lines):
        # all its trigrams but the distinct ones that are new.
        seen = max(len(words) - 2, 0) - len(grams)
        if not grams.isdisjoint(told.grams):
            seen += len(grams) - len(grams.difference(told.grams))
        if seen < REPEAT_MIN_HITS:
            told.add(grams, words)
            continue
        for s_start, s_end in split_spans(text, start, end):
            sentence = CONNECTIVE.sub("", text[s_start:s_end])
            words = words_of(sentence)
            grams = set(zip(words, words[1:], words[2:], strict=False))
            if len(words) >= REPEAT_MIN_WORDS and _repeats(words, grams, told):
                junk.append(Junk(s_start, s_end, "repeated-sentence"))
            else:
                told.add(grams, words)
    return junk


class _Told:
    """The kept sentences and paragraphs so far, and the trigrams they hold."""

    def __init__(self) -> None:
        self.grams: set[Trigram] = set()
        self.units: list[tuple[set[Trigram], list[bytes]]] = []
        self._latest: dict[Trigram, int] = {}
        self._indexed = 0

    def add(self, grams: set[Trigram], words: list[bytes]) -> None:
        """Index a kept sentence or paragraph so later repeats of it are found."""
        self.grams |= grams
        self.units.append((grams, words))

    def latest(self) -> dict[Trigram, int]:
        """Return, for every trigram told, the index of the latest unit that holds it."""
        # Built only when a possible repeat turns up, which most articles never have.
        for index in range(self._indexed, len(self.units)):
            self._latest.update(dict.fromkeys(self.units[index][0], index))
        self._indexed = len(self.units)
        return self._latest


def _repeats(words: list[bytes], grams: set[Trigram], told: _Told) -> bool:
    """Tell whether one earlier unit holds most of these trigrams and nearly every word."""
    # No unit can hold more of them than all units together: most sentences stop here.
    if len(grams) - len(grams.difference(told.grams)) < REPEAT_OVERLAP * len(grams):
        return False
    latest = told.latest()
    counts = Counter(map(latest.__getitem__, filter(latest.__contains__, grams)))
    if not counts:
        return False
    best, shared = counts.most_common(1)[0]
    known = set(told.units[best][1])
    new_words = sum(1 for w in words if w not in known)
    return shared >= REPEAT_OVERLAP * len(grams) and new_words <= REPEAT_NEW_WORDS * len(words)


def line_key(line: str | None) -> str:
    """Return a line normalised for comparison: lower case words joined by single spaces."""
    return b" ".join(words_of(line or "")).decode("utf-8")


def learn_boilerplate(articles: Sequence[Article]) -> Boilerplate:
    """Return, per outlet, the short lines that recur in several of its articles.

    Articles that mostly consist of recurring lines (re-ingested or updated versions of one
    story) do not count, so an outlet's updates never turn their own news into boilerplate.
    """
    return _learn_boilerplate(_outlet_keys(articles))


def _outlet_keys(
    articles: Sequence[Article], keys: Sequence[list[str]] | None = None
) -> list[tuple[str, set[str]]]:
    """Return (outlet, short line keys) of the articles whose outlet is known."""
    if keys is None:
        keys = [line_table(a.text)[1] if a.outlet != UNKNOWN_OUTLET else [] for a in articles]
    return [
        (article.outlet, _short_keys(line_keys))
        for article, line_keys in zip(articles, keys, strict=True)
        if article.outlet != UNKNOWN_OUTLET
    ]


def _learn_boilerplate(outlet_keys: Iterable[tuple[str, set[str]]]) -> Boilerplate:
    """Return, per outlet, the recurring short lines, given each article's (outlet, keys)."""
    by_outlet: dict[str, list[set[str]]] = defaultdict(list)
    for outlet, keys in outlet_keys:
        by_outlet[outlet].append(keys)
    return {
        outlet: frozenset(_recurring(keys))
        for outlet, keys in by_outlet.items()
        if len(keys) >= BOILERPLATE_MIN_ARTICLES
    }


def _short_keys(keys: Iterable[str]) -> set[str]:
    return {k for k in set(keys) if k and k.count(" ") < BOILERPLATE_MAX_WORDS}


def _recurring(per_article: list[set[str]]) -> set[str]:
    """Return the keys found in enough articles, ignoring articles made mostly of them."""
    counts = Counter(key for keys in per_article for key in keys)
    common = {key for key, n in counts.items() if n >= BOILERPLATE_MIN_ARTICLES}
    counts = Counter(
        key for keys in per_article if len(keys & common) * 2 <= len(keys) for key in keys & common
    )
    return {key for key, n in counts.items() if n >= BOILERPLATE_MIN_ARTICLES}
