"""Quote extraction and speaker attribution against hand labels, beside textacy.

Gold: benchmarks/labels/quotes.tsv (doc id, char start, char end, kind, speaker, split) labelled
by hand in documents of ../shared/eval/summarization/multinews_dev.jsonl ("<example id>:<n>")
and the seeds (their file stem); offsets index the document text as ingested. Labelling
policy: every stretch in quotation marks that gives someone's spoken or written words (full or
partial) is a direct quote, span = inside the marks (a quote over paragraphs is one span);
titles, names and scare quotes that give nobody's words are not labelled; indirect = the
reported clause of "X said (that) ..." / "according to X". Speaker = the name the story gives,
or the source's noun ("police") when unnamed.

Scoring: a prediction matches a gold quote of the same kind when it overlaps at least half of
the gold span (one-to-one, greedy in text order); speaker accuracy counts matched quotes whose
speaker agrees (same surname, or the same noun for unnamed sources). The "held-out" split was
never used while tuning. Run: .venv/bin/python benchmarks/quotes.py [--quick] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.ingest import read_paths
from storydesk.mentions import DISABLE, mentions_many
from storydesk.models import Article
from storydesk.nlp import load_nlp
from storydesk.quotes import combine_quotes
from storydesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "quotes.tsv"
SHARED = ROOT.parent / "shared"
MULTINEWS = SHARED / "eval" / "summarization" / "multinews_dev.jsonl"
SEEDS = SHARED / "seeds"
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "the", "a", "an"}


@dataclass(frozen=True)
class Item:
    """A labelled or predicted quote."""

    doc: str
    start: int
    end: int
    kind: str
    speaker: str | None
    split: str = ""


def load_gold() -> list[Item]:
    """Read the hand labels."""
    with LABELS.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Item(r["doc_id"], int(r["start"]), int(r["end"]), r["kind"], r["speaker"], r["split"])
        for r in rows
    ]


def load_stories(doc_ids: set[str]) -> list[list[Article]]:
    """Return the labelled documents grouped as stories (a Multi-News example, the seeds)."""
    stories: dict[str, list[Article]] = defaultdict(list)
    with MULTINEWS.open() as handle:
        for line in handle:
            example = json.loads(line)
            for index, text in enumerate(example["documents"]):
                doc_id = f"{example['id']}:{index}"
                if doc_id in doc_ids:
                    article = Article(id=doc_id, title="", text=text, outlet=f"outlet{index}")
                    stories[example["id"]].append(article)
    seeds = [a for a in read_paths([str(SEEDS)], settings=Settings()).articles]
    for article in seeds:
        if article.external_id in doc_ids:
            stories["seeds"].append(_renamed(article, article.external_id or article.id))
    return list(stories.values())


def _renamed(article: Article, doc_id: str) -> Article:
    fields = {name: getattr(article, name) for name in Article.__slots__}
    return Article(**{**fields, "id": doc_id})


def ours(stories: list[list[Article]], nlp: object) -> list[Item]:
    """Predict with storydesk: every occurrence of every merged quote."""
    found = []
    for articles in stories:
        items = list(mentions_many(articles, nlp))
        for quote in combine_quotes(articles, items):
            for span in quote.occurrences:
                found.append(Item(span.article_id, span.start, span.end, quote.kind, quote.speaker))
    return found


def textacy_quotes(stories: list[list[Article]], nlp: object) -> list[Item]:
    """Predict with textacy's direct_quotations over each whole document."""
    from textacy.extract.triples import direct_quotations

    found = []
    for articles in stories:
        for article in articles:
            try:
                parts = [(0, nlp(article.text))]  # type: ignore[operator]
                triples: list[tuple[int, Any]] = [(0, t) for t in direct_quotations(parts[0][1])]
            except ValueError:
                # textacy bails out on a document with an unclosed quotation mark: give it
                # each paragraph instead, skipping only the paragraphs it still refuses.
                triples = list(_by_paragraph(article.text, nlp, direct_quotations))
            for base, triple in triples:
                content = triple.content
                start = base + content[0].idx
                end = base + content[-1].idx + len(content[-1].text)
                speaker = " ".join(t.text for t in triple.speaker) or None
                found.append(Item(article.id, start, end, "direct", speaker))
    return found


def _by_paragraph(text: str, nlp: Any, extract: Any) -> list[tuple[int, Any]]:
    """Run textacy's extractor on each line of text; return (offset, triple) pairs."""
    found: list[tuple[int, Any]] = []
    for match in re.finditer(r"[^\n]+", text):
        try:
            doc = nlp(match.group())
            found.extend((match.start(), t) for t in extract(doc))
        except ValueError:
            continue
    return found


def matches(gold: list[Item], pred: list[Item], kind: str) -> list[tuple[Item, Item]]:
    """Pair gold and predicted quotes of one kind: one-to-one, greedy in text order, each
    prediction overlapping at least half of its gold span."""
    docs = {g.doc for g in gold if g.kind == kind}
    pred = sorted((p for p in pred if p.kind == kind and p.doc in docs), key=_order)
    used: set[int] = set()
    pairs = []
    for g in sorted((g for g in gold if g.kind == kind), key=_order):
        for index, p in enumerate(pred):
            if index in used or p.doc != g.doc:
                continue
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap >= 0.5 * (g.end - g.start):
                used.add(index)
                pairs.append((g, p))
                break
    return pairs


def score(gold: list[Item], pred: list[Item], kind: str) -> dict[str, float]:
    """Return P/R/F1 of quote spans and speaker accuracy on matched quotes of one kind."""
    pairs = matches(gold, pred, kind)
    gold = [g for g in gold if g.kind == kind]
    docs = {g.doc for g in gold}
    pred = [p for p in pred if p.kind == kind and p.doc in docs]
    matched = len(pairs)
    speakers = sum(same_speaker(p.speaker, g.speaker) for g, p in pairs)
    precision = matched / len(pred) if pred else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    accuracy = speakers / matched if matched else 0.0
    return {
        "gold": len(gold),
        "pred": len(pred),
        "p": precision,
        "r": recall,
        "f1": f1,
        "spk": accuracy,
    }


def _order(item: Item) -> tuple[str, int]:
    return item.doc, item.start


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Tell whether two speaker names agree (same last word once honorifics are gone)."""
    if not pred or not gold:
        return False
    a, b = _words(pred), _words(gold)
    return bool(a and b) and (a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a))


def _words(name: str) -> list[str]:
    words = re.findall(r"[\w'-]+", name.lower())
    return [w for w in words if w not in HONORIFICS]


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seeds and the dev split only")
    parser.add_argument(
        "--errors", action="store_true", help="list wrong speakers (dev split only)"
    )
    args = parser.parse_args()
    if not MULTINEWS.exists() or not LABELS.exists():
        print("quotes benchmark: ../shared/eval or the labels are absent; nothing to do.")
        return 0
    gold = load_gold()
    if args.quick:
        gold = [g for g in gold if g.split == "dev"]
    stories = load_stories({g.doc for g in gold})
    words = sum(len(a.text.split()) for story in stories for a in story)
    settings = Settings()
    ours_nlp = load_nlp(settings.spacy_model, disable=DISABLE)
    started = time.perf_counter()
    predictions = {"storydesk": ours(stories, ours_nlp)}
    seconds = {"storydesk": time.perf_counter() - started}
    try:
        full_nlp = load_nlp(settings.spacy_model, disable=())
        started = time.perf_counter()
        predictions["textacy 0.13.0"] = textacy_quotes(stories, full_nlp)
        seconds["textacy 0.13.0"] = time.perf_counter() - started
    except ImportError as exc:
        print(f"textacy: unavailable ({exc})")
    print_table(gold, predictions, seconds, words)
    if args.errors:
        texts = {a.id: a.text for story in stories for a in story}
        print_errors([g for g in gold if g.split == "dev"], predictions["storydesk"], texts)
    return 0


def print_errors(gold: list[Item], pred: list[Item], texts: dict[str, str]) -> None:
    """Print each matched quote whose speaker is wrong, with the text just before it."""
    print("\nWrong speakers (dev split):")
    for kind in ("direct", "indirect"):
        for g, p in matches(gold, pred, kind):
            if not same_speaker(p.speaker, g.speaker):
                before = " ".join(texts[g.doc][max(0, g.start - 160) : g.start].split())
                quote = " ".join(texts[g.doc][g.start : g.end].split())[:80]
                print(f"- {kind} {g.doc[:12]}: gold {g.speaker!r}, ours {p.speaker!r}")
                print(f"    ...{before} [[{quote}]]")


def print_table(
    gold: list[Item], predictions: dict[str, list[Item]], seconds: dict[str, float], words: int
) -> None:
    """Print quote P/R/F1 and speaker accuracy per system, kind and split."""
    docs = len({g.doc for g in gold})
    print(f"Quotes: {len(gold)} gold quotes in {docs} documents ({words} words)\n")
    header = f"{'system':<16}{'kind':<10}{'split':<10}{'gold':>5}{'pred':>6}"
    print(header + f"{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}")
    for system, pred in predictions.items():
        for kind in ("direct", "indirect"):
            if system != "storydesk" and kind == "indirect":
                continue
            for split in ("dev", "heldout", "all"):
                part = [g for g in gold if split == "all" or g.split == split]
                if not [g for g in part if g.kind == kind]:
                    continue
                s = score(part, pred, kind)
                print(
                    f"{system:<16}{kind:<10}{split:<10}{s['gold']:>5}{s['pred']:>6}"
                    f"{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}{s['spk']:>9.3f}"
                )
    print()
    for system, taken in seconds.items():
        print(f"speed {system:<16}{words / taken:>9.0f} words/s")


if __name__ == "__main__":
    sys.exit(main())
