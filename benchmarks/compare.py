"""Benchmark disagreement detection by perturbation, beside simple baselines, in one run.

Data: the Multi-News stories of ../shared/eval/summarization/multinews_dev.jsonl with at least
two documents (each document one outlet, no dates), cleaned and deduped like the pipeline does.
For each story and each perturbation type (number, date, name), pick a sentence of one outlet
that another outlet's sentence reports too (TF-IDF cosine >= 0.5 over plain words, independent of
storydesk's own alignment) and that shares a value of that type with it, and change that value
in the first outlet's sentence only (a number -> another number its sentence does not give, a
weekday/month/year -> another, a surname spaCy tags as part of a PERSON in that very sentence ->
a surname absent from the story).

storydesk runs as a briefing runs it, with the story's quotes (so a quote that two outlets give
to different speakers is a disagreement too); the spaCy parse of each original article is left
out of the timing, as a briefing reads it from the store's cache.

Scores:
- recall: share of perturbed stories where a disagreement has a version in the changed article
  whose value holds the new value;
- false alarms: disagreements reported on the original, unperturbed story, per story
  (genuine differences between outlets count as false alarms here: the bar is strict).
Split: stories whose id hash is 0 mod 3 are held out (not looked at while tuning).
Baselines: "best pair" flags the two most similar sentences of every pair of outlets when their
numbers/dates/capitalised words differ; "best match" does so for every sentence and its most
similar sentence in each other outlet (similarity >= the same threshold).

`--duc` adds the 30 DUC 2003 task 2 clusters (../shared/eval/summarization/duc2003_task2.jsonl:
1998 wire copy of AP, NYT and Xinhua, ten documents a cluster, each document taken as one
outlet) as a further split, "duc", outside "all": a second kind of news text. Its documents
are reports of several days, so an update (a death toll that rose) counts as a false alarm.

With ~33 held-out stories and two trials of each kind per story the held-out figures move by
several points between seeds: `--per-kind 6` (more trials per story) and `--seed N` (other
sentences and values) make them steadier.

`--why` adds, per split, why storydesk missed the trials it missed (counts only, so the held-out
split stays unread): the changed article still gives the old value elsewhere (a reader sees
both values in one report); the changed sentence is less similar than `compare_threshold` to
every sentence of another outlet that gives the old value; or it is aligned with one and no
disagreement was reported.

Run: .venv/bin/python benchmarks/compare.py [--quick] [--per-kind N] [--seed N] [--duc] [--why]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storydesk.compare import group_voices, similarity_matrix
from storydesk.disagreements import find_disagreements
from storydesk.ingest.common import body_as_read
from storydesk.models import Article, Quote, content_id
from storydesk.nlp import load_nlp
from storydesk.pipeline import parse_mentions
from storydesk.quotes import extract_quotes
from storydesk.sentences import split_sentences
from storydesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "summarization" / "multinews_dev.jsonl"
DUC = ROOT.parent / "shared" / "eval" / "summarization" / "duc2003_task2.jsonl"
KINDS = ("number", "date", "name")
ALIGNED = 0.5
PER_KIND = 2  # perturbations of each kind per story (each a separate trial)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SURNAMES = [
    "Abernathy",
    "Blackwood",
    "Castellano",
    "Delacroix",
    "Eastwood",
    "Fairbanks",
    "Galloway",
    "Hawthorne",
    "Ingersoll",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Montgomery",
    "Northcott",
    "Okonkwo",
    "Pemberton",
    "Quintero",
    "Rasmussen",
    "Szymanski",
    "Thornbury",
    "Underwood",
    "Valdivia",
    "Whitfield",
    "Yamamoto",
    "Zimmerman",
]
PLACE_KINDS = {"province", "region", "county", "island", "district"}  # "the Bicol region"
_NOT_SURNAME = re.compile(r"[IVX]+|Jr|Sr")  # "Pope John Paul II", "World War II", "King Jr"
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Trial:
    """One perturbed story: the changed article and the value now in it."""

    kind: str
    articles: tuple[Article, ...]
    article_id: str
    new_value: str
    sentence: tuple[int, int]
    old_value: str = ""


def load(limit: int | None) -> list[tuple[str, list[str]]]:
    """Return (id, documents) of the Multi-News stories with at least two documents."""
    stories = []
    with DATA.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            # read as storydesk's ingest reads them (hard-wrapped text joined)
            documents = [body_as_read(d) for d in record["documents"] if d.strip()]
            if len(documents) >= 2:
                stories.append((record["id"], documents))
    return stories[:limit] if limit else stories


def load_duc(limit: int | None) -> list[tuple[str, list[str]]]:
    """Return (cluster id, documents) of the DUC 2003 task 2 clusters."""
    with DUC.open(encoding="utf-8") as handle:
        clusters = [json.loads(line) for line in handle if line.strip()]
    # read as storydesk's ingest reads them: ``wire quotation marks'' become curly ones
    found = [(c["cluster_id"], [body_as_read(d["text"]) for d in c["documents"]]) for c in clusters]
    return found[:limit] if limit else found


def prepare(documents: Sequence[str], settings: Settings, story_id: str) -> list[Article]:
    """Build, clean and dedupe one story's articles (one outlet per document)."""
    articles = [
        Article(id=content_id(story_id, str(i), text), title="", text=text, outlet=f"outlet{i}")
        for i, text in enumerate(documents)
    ]
    return _pipeline(articles, settings)


def _pipeline(articles: list[Article], settings: Settings) -> list[Article]:
    try:
        from storydesk.clean import clean

        articles = clean(articles, settings=settings)
    except ImportError:
        pass
    try:
        from storydesk.dedupe import dedupe

        articles = dedupe(articles, settings=settings)
    except ImportError:
        pass
    return list(articles)


def held_out(story_id: str) -> bool:
    """Return True for the held-out third of the stories."""
    return int(content_id(story_id), 16) % 3 == 0


def values(text: str, kind: str, surnames: frozenset[str] = frozenset()) -> list[re.Match[str]]:
    """Return the tokens of a sentence that are values of the given kind."""
    found = []
    tokens = list(_TOKEN.finditer(text))
    for i, match in enumerate(tokens):
        word = match.group()
        if kind == "number":
            hit = word[0].isdigit() and not _is_year(word)
        elif kind == "date":
            hit = word in WEEKDAYS or (word in MONTHS and word != "May") or _is_year(word)
        else:
            hit = i > 0 and word in surnames
        if hit:
            found.append(match)
    return found


def _is_year(word: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", word))


def change(word: str, kind: str, story_text: str, rng: random.Random, sentence: str) -> str:
    """Return a different value of the same kind, new to the sentence (to the story for names).

    A number is never changed to one its sentence already gives ("group 1 and 2" must not
    become "group 2 and 2"): that reads as a typo, not as another report of the fact.
    """
    if kind == "name":
        return rng.choice([s for s in SURNAMES if s not in story_text])
    if word in WEEKDAYS:
        return rng.choice([d for d in WEEKDAYS if d != word])
    if word in MONTHS:
        return rng.choice([m for m in MONTHS if m not in (word, "May")])
    if _is_year(word):
        return str(int(word) + rng.choice([-3, -2, -1, 1, 2, 3]))
    present = {m.group() for m in _TOKEN.finditer(sentence)}
    new = _other_number(word, rng)
    for _ in range(20):
        if new not in present:
            break
        new = _other_number(word, rng)
    return new


def _other_number(word: str, rng: random.Random) -> str:
    """Return the number moved up or down by 20-60% (at least 1), formatted like the word."""
    number = float(word.replace(",", ""))
    decimals = len(word.split(".")[1]) if "." in word else 0
    step = max(1.0, round(number * rng.uniform(0.2, 0.6)))
    new = number + step if rng.random() < 0.5 or number - step < 0 else number - step
    return f"{new:,.{decimals}f}" if "," in word else f"{new:.{decimals}f}"


def perturb(
    story_id: str,
    articles: list[Article],
    settings: Settings,
    *,
    per_kind: int = PER_KIND,
    seed: int = 0,
) -> list[Trial]:
    """Make up to `per_kind` perturbed copies of the story per value kind a shared fact offers.

    Seed 0 keeps the original trials (the story id alone seeds the choices).
    """
    rng = random.Random(f"{story_id}/{seed}" if seed else story_id)
    voices = group_voices(articles)
    sentences = [(v, s) for v, voice in enumerate(voices) for s in split_sentences(voice.article)]
    if len(voices) < 2 or not sentences:
        return []
    sims = _plain_similarity([s.text for _, s in sentences])
    story_text = " ".join(a.text for a in articles)
    surnames = _surnames(sentences, sims, settings)
    trials = []
    for kind in KINDS:
        candidates = _candidates(sentences, sims, kind, surnames)
        for voice, sentence, match in rng.sample(candidates, min(per_kind, len(candidates))):
            target = voices[voice].article
            new_value = change(match.group(), kind, story_text, rng, sentence.text)
            start = sentence.start + match.start()
            text = target.text[:start] + new_value + target.text[sentence.start + match.end() :]
            changed = replace(target, text=text, clean_text=None, junk=())
            rebuilt = _pipeline([changed if a.id == target.id else a for a in articles], settings)
            end = sentence.end + len(new_value) - len(match.group())
            trials.append(
                Trial(kind, tuple(rebuilt), target.id, new_value, (sentence.start, end),
                      match.group())
            )  # fmt: skip
    return trials


def _plain_similarity(texts: list[str]) -> np.ndarray:
    matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    return np.asarray((matrix @ matrix.T).toarray())


def _aligned(sentences: list, sims: np.ndarray, i: int) -> list[int]:
    """Return the sentences of other voices aligned with sentence i."""
    return [
        j for j in range(len(sentences))
        if sentences[j][0] != sentences[i][0] and sims[i, j] >= ALIGNED
    ]  # fmt: skip


def _surnames(sentences: list, sims: np.ndarray, settings: Settings) -> list[frozenset[str]]:
    """Return, per sentence, the last words of the PERSON names spaCy finds in it.

    Only aligned sentences are tagged; the others get no names.
    """
    aligned = [i for i in range(len(sentences)) if _aligned(sentences, sims, i)]
    nlp = load_nlp(settings.spacy_model)
    names: list[frozenset[str]] = [frozenset()] * len(sentences)
    for i, doc in zip(aligned, nlp.pipe(sentences[i][1].text for i in aligned), strict=True):
        names[i] = frozenset(
            ent[-1].text
            for ent in doc.ents
            if ent.label_ == "PERSON"
            and ent[-1].text[:1].isupper()
            and ent[-1].text.isalpha()
            and not _NOT_SURNAME.fullmatch(ent[-1].text)
            and doc[ent.end : ent.end + 1].text.lower() not in PLACE_KINDS
        )
    return names


def _candidates(
    sentences: list, sims: np.ndarray, kind: str, surnames: list[frozenset[str]]
) -> list:
    """Return (voice, sentence, value) where another voice's aligned sentence has the value.

    A name must be tagged as a person's in the sentence changed (not "Porsche 911 Carrera" or
    a town that spaCy tags a person elsewhere in the story).
    """
    everyone = frozenset().union(*surnames)
    out = []
    for i, (voice_i, sentence_i) in enumerate(sentences):
        shared = set()
        for j in _aligned(sentences, sims, i):
            shared |= {m.group() for m in values(sentences[j][1].text, kind, everyone)}
        for match in values(sentence_i.text, kind, surnames[i]):
            if match.group() in shared:
                out.append((voice_i, sentence_i, match))
    return out


Alarm = list[tuple[str, str]]  # (article id, value) of each side
_PARSED: dict[tuple[str, str], Mapping[str, Any]] = {}  # (article id, text) -> spaCy mentions
Detector = Callable[[Sequence[Article], Settings], list[Alarm]]


def ours(articles: Sequence[Article], settings: Settings) -> list[Alarm]:
    """storydesk as a briefing runs it: with the story's quotes, one alarm per disagreement."""
    quotes = story_quotes(articles, settings)
    found = find_disagreements(articles, settings=settings, quotes=quotes)
    return [[(v.span.article_id, v.value) for v in d.versions] for d in found]


def story_quotes(articles: Sequence[Article], settings: Settings) -> tuple[Quote, ...]:
    """Return the story's merged quotes; each article text is parsed once (as the store caches
    a parse), so a trial parses only its changed article."""
    cached = {a.id: _PARSED[a.id, a.text] for a in articles if (a.id, a.text) in _PARSED}
    parsed = parse_mentions(articles, settings=settings, cached=cached)
    _PARSED.update({(a.id, a.text): parsed[a.id] for a in articles})
    return extract_quotes(articles, settings=settings, mentions=parsed)


def baseline(articles: Sequence[Article], settings: Settings, *, per_sentence: bool) -> list:
    """Flag most-similar sentence pairs of two outlets whose values differ."""
    voices = group_voices(articles)
    sentences = [(v, s) for v, voice in enumerate(voices) for s in split_sentences(voice.article)]
    if len(voices) < 2 or not sentences:
        return []
    sims = similarity_matrix([s.text for _, s in sentences])
    owner = np.array([v for v, _ in sentences])
    flags = []
    for a in range(len(voices)):
        for b in range(len(voices)):
            if a == b or (not per_sentence and b < a):
                continue
            rows, cols = np.flatnonzero(owner == a), np.flatnonzero(owner == b)
            block = sims[np.ix_(rows, cols)]
            if block.size == 0:
                continue
            pairs = (
                [(r, int(np.argmax(block[k]))) for k, r in enumerate(rows)]
                if per_sentence
                else [np.unravel_index(int(np.argmax(block)), block.shape)]
            )
            for r, c in pairs:
                i, j = (r, cols[c]) if per_sentence else (rows[r], cols[c])
                if sims[i, j] < settings.compare_threshold:
                    continue
                flags.extend(_value_flags(sentences[i][1], sentences[j][1]))
    return flags


def _value_flags(first, second) -> list[Alarm]:  # type: ignore[no-untyped-def]
    """Flag every value one sentence has and the other lacks."""

    def bag(text: str) -> set[str]:
        return {m.group() for kind in KINDS for m in values(text, kind)} | set(
            re.findall(r"\b[A-Z][a-z]{2,}\b", text[1:])
        )

    mine, theirs = bag(first.text), bag(second.text)
    if mine == theirs:
        return []
    left, right = " ".join(sorted(mine - theirs)), " ".join(sorted(theirs - mine))
    return [[(first.article_id, left), (second.article_id, right)]]


def score(alarms: list[Alarm], trial: Trial) -> bool:
    """Return True when an alarm names the new value in the changed article."""
    return any(
        aid == trial.article_id and trial.new_value in value
        for alarm in alarms
        for aid, value in alarm
    )


MISS_REASONS = (
    "old value still in the changed article",
    "below compare_threshold",
    "aligned, not flagged",
)


def miss_reason(trial: Trial, settings: Settings) -> str:
    """Return why a trial may have been missed (one of MISS_REASONS), from the texts alone."""
    old = re.compile(rf"(?<![\w,.]){re.escape(trial.old_value)}(?!\w|,\d)")
    changed = next(a for a in trial.articles if a.id == trial.article_id)
    if old.search(changed.text):
        return MISS_REASONS[0]
    start, end = trial.sentence
    others = [
        s.text
        for voice in group_voices(trial.articles)
        if voice.article.id != trial.article_id
        for s in split_sentences(voice.article)
        if old.search(s.text)
    ]
    sims = similarity_matrix([changed.text[start:end], *others])
    best = max(sims[0, 1:], default=0.0)
    return MISS_REASONS[1] if best < settings.compare_threshold else MISS_REASONS[2]


def main() -> int:
    """Run the benchmark and print the table."""
    args = _arguments()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    settings = Settings(compare_threshold=args.threshold) if args.threshold else Settings()
    detectors: dict[str, Detector] = {
        "storydesk": ours,
        "baseline best pair": lambda a, s: baseline(a, s, per_sentence=False),
        "baseline best match": lambda a, s: baseline(a, s, per_sentence=True),
    }
    limit = 40 if args.quick else None
    stories = [("held-out" if held_out(i) else "dev", i, docs) for i, docs in load(limit)]
    if args.duc and DUC.exists():
        stories += [("duc", i, docs) for i, docs in load_duc(6 if args.quick else None)]
    results: dict[str, dict[str, list]] = {name: {} for name in detectors}
    reasons: dict[str, Counter[str]] = {}
    seconds = dict.fromkeys(detectors, 0.0)
    words = 0
    for split, story_id, documents in stories:
        articles = prepare(documents, settings, story_id)
        words += sum(len(a.text.split()) for a in articles)
        trials = perturb(story_id, articles, settings, per_kind=args.per_kind, seed=args.seed)
        story_quotes(articles, settings)  # the parse a briefing reads from the store: untimed
        for name, detect in detectors.items():
            start = time.perf_counter()
            alarms = len(detect(articles, settings))
            seconds[name] += time.perf_counter() - start
            bucket = results[name]
            bucket.setdefault(f"{split}/alarms", []).append(alarms)
            for trial in trials:
                hit = score(detect(trial.articles, settings), trial)
                bucket.setdefault(f"{split}/{trial.kind}", []).append(hit)
                if args.why and name == "storydesk" and not hit:
                    reasons.setdefault(split, Counter())[miss_reason(trial, settings)] += 1
    _print(results, seconds, words, len(stories))
    if args.why:
        _print_reasons(reasons)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the first 40 stories")
    parser.add_argument("--threshold", type=float, default=None, help="compare_threshold")
    parser.add_argument(
        "--per-kind", type=int, default=PER_KIND, help="trials of each kind per story"
    )
    parser.add_argument("--seed", type=int, default=0, help="another draw of the trials")
    parser.add_argument("--duc", action="store_true", help="also the DUC 2003 wire clusters")
    parser.add_argument("--why", action="store_true", help="why storydesk missed trials")
    return parser.parse_args()


def _print(results: dict, seconds: dict, words: int, stories: int) -> None:
    header = ["detector", "split", *(f"recall {k}" for k in KINDS), "recall all", "trials",
              "alarms/story", "stories"]  # fmt: skip
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, bucket in results.items():
        for split in ("dev", "held-out", "all", "duc"):
            if split == "duc" and "duc/alarms" not in bucket:
                continue
            splits = ("dev", "held-out") if split == "all" else (split,)
            hits = {k: sum((bucket.get(f"{s}/{k}", []) for s in splits), []) for k in KINDS}
            alarms = sum((bucket.get(f"{s}/alarms", []) for s in splits), [])
            every = sum(hits.values(), [])
            row = [name, split, *(_rate(hits[k]) for k in KINDS), _rate(every), str(len(every)),
                   f"{np.mean(alarms):.2f}" if alarms else "-", str(len(alarms))]  # fmt: skip
            print(" | ".join(row))
    print()
    for name, spent in seconds.items():
        rate = words / spent if spent else 0.0
        print(f"{name}: {rate:,.0f} words/s on the {stories} original stories (all splits)")


def _print_reasons(reasons: dict[str, Counter[str]]) -> None:
    print("\nstorydesk misses by reason")
    print(" | ".join(["split", *MISS_REASONS]))
    print(" | ".join("---" for _ in range(len(MISS_REASONS) + 1)))
    for split, counted in reasons.items():
        print(" | ".join([split, *(str(counted[r]) for r in MISS_REASONS)]))


def _rate(hits: list[bool]) -> str:
    return f"{np.mean(hits):.2f} ({sum(hits)}/{len(hits)})" if hits else "-"


if __name__ == "__main__":
    raise SystemExit(main())
