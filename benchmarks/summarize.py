"""Summary quality and speed: storydesk's summarizers beside Lead, sumy and a sentence oracle.

Baselines: "Lead newest" is the classic DUC baseline (the newest article's first words); sumy's
LexRank, TextRank and LSA get storydesk's sentence splitter as their tokenizer.

DUC 2003 task 2: 100-word summaries, ROUGE-1/2 recall (rouge-score, Porter stemming) averaged
over the four references. Multi-News dev: ROUGE-1/2/L F1 at the reference's length. Figures are
given for all examples and for the tuning part (first half) and held-out part (second half).

Run: .venv/bin/python benchmarks/summarize.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer, tokenizers

from storydesk.ingest.common import body_as_read
from storydesk.models import Article, content_id
from storydesk.sentences import split_spans
from storydesk.settings import Settings
from storydesk.summarize import summarize

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "summarization"
OURS = ("ilp.v1", "greedy.v1", "lexrank.v1", "lead.v1")
SUMY = ("sumy LexRank", "sumy TextRank", "sumy LSA")
SYSTEMS = (*OURS, "Lead newest", *SUMY, "oracle")
_WORD = re.compile(r"\w+")
_TOKENS = tokenizers.DefaultTokenizer(use_stemmer=True)


class SentenceTokenizer:
    """A sumy tokenizer (no NLTK data): storydesk's sentence splitter and a word regex."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[s:e] for s, e in split_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def load(name: str, limit: int | None) -> list[dict[str, Any]]:
    """Read one eval file as examples: articles (unprepared) and references."""
    with (EVAL / name).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][:limit]
    examples = []
    for row in rows:
        if "references" in row:  # DUC
            docs = [
                (d["text"], d.get("source") or f"doc{i}", d.get("date"))
                for i, d in enumerate(row["documents"])
            ]
            refs = row["references"]
        else:  # Multi-News
            docs = [(text, f"doc{i}", None) for i, text in enumerate(row["documents"])]
            refs = [row["summary"]]
        articles = [_article(text, outlet, date) for text, outlet, date in docs if text.strip()]
        examples.append({"articles": articles, "references": refs})
    return examples


def _article(text: str, outlet: str, date: str | None) -> Article:
    published = datetime.fromisoformat(date).replace(tzinfo=UTC) if date else None
    text = body_as_read(text)  # as storydesk's ingest reads it (``wire quotes'', hard wraps)
    return Article(
        id=content_id(outlet, text), title="", text=text, outlet=outlet, published=published
    )


def preparer(settings: Settings) -> tuple[str, Callable[[list[Article]], list[Article]]]:
    """Return how articles get prepared: storydesk clean + dedupe when they import and work."""
    steps = []
    try:
        from storydesk.clean import clean

        steps.append(("clean", lambda a: clean(a, settings=settings)))
    except Exception as exc:  # a module mid-work must not stop the benchmark
        print(f"# storydesk.clean unavailable ({exc!r}): no cleaning", file=sys.stderr)
    try:
        from storydesk.dedupe import dedupe

        steps.append(("dedupe", lambda a: dedupe(a, settings=settings)))
    except Exception as exc:
        print(f"# storydesk.dedupe unavailable ({exc!r}): no dedupe", file=sys.stderr)

    def prepare(articles: list[Article]) -> list[Article]:
        for name, step in steps:
            try:
                articles = step(articles)
            except Exception as exc:
                print(f"# {name} failed ({exc!r}); skipped for this example", file=sys.stderr)
        return articles

    return " + ".join(n for n, _ in steps) or "none", prepare


def sumy_summary(name: str, articles: Sequence[Article], budget: int) -> str:
    """Summarise with a sumy baseline: best-rated sentences until the budget, in text order."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "sumy LexRank": LexRankSummarizer,
        "sumy TextRank": TextRankSummarizer,
        "sumy LSA": LsaSummarizer,
    }
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    text = "\n\n".join(a.clean_text or a.text for a in articles)
    document = PlaintextParser.from_string(text, SentenceTokenizer()).document

    def within_budget(ranked: list[Any]) -> list[Any]:
        taken, total = [], 0
        for info in ranked:
            if total >= budget:
                break
            taken.append(info)
            total += len(str(info.sentence).split())
        return taken

    return "\n".join(str(s) for s in summarizer(document, within_budget))


def oracle_summary(articles: Sequence[Article], refs: Sequence[str], budget: int, f1: bool) -> str:
    """Greedily add the sentence that most raises ROUGE-1 + ROUGE-2 (the extractive ceiling).

    With recall (which never falls as words are added) the gain is taken per word, as in
    budgeted greedy selection; with F1 the score itself is compared.
    """
    sentences = [
        (a.clean_text or a.text)[s:e]
        for a in articles
        for s, e in split_spans(a.clean_text or a.text)
    ]
    grams = [_ngrams(_TOKENS.tokenize(s)) for s in sentences]
    ref_grams = [_ngrams(_TOKENS.tokenize(r)) for r in refs]
    chosen: list[int] = []
    current: tuple[Counter[Any], Counter[Any]] = (Counter(), Counter())
    score, used = 0.0, 0
    while True:
        best, best_value, best_score = None, 0.0, score
        for i, (one, two) in enumerate(grams):
            words = len(sentences[i].split())
            if i in chosen or used + words > budget:
                continue
            new = _gain_score((current[0] + one, current[1] + two), ref_grams, f1)
            value = new - score if f1 else (new - score) / max(words, 1)
            if value > best_value:
                best, best_value, best_score = i, value, new
        if best is None:
            return "\n".join(sentences[i] for i in chosen)
        chosen.append(best)
        score = best_score
        used += len(sentences[best].split())
        current = (current[0] + grams[best][0], current[1] + grams[best][1])


def _ngrams(tokens: list[str]) -> tuple[Counter[Any], Counter[Any]]:
    return Counter(tokens), Counter(zip(tokens, tokens[1:], strict=False))


def _gain_score(summary: tuple[Counter[Any], Counter[Any]], refs: list[Any], f1: bool) -> float:
    total = 0.0
    for ref in refs:
        for n in (0, 1):
            hits = sum((summary[n] & ref[n]).values())
            recall = hits / max(sum(ref[n].values()), 1)
            precision = hits / max(sum(summary[n].values()), 1)
            total += 2 * precision * recall / (precision + recall or 1) if f1 else recall
    return total


def truncate(text: str, budget: int) -> str:
    """Cut a summary to its first `budget` words (the DUC protocol)."""
    return " ".join(text.split()[:budget])


def run(
    examples: list[dict[str, Any]],
    budget_of: Callable[[dict[str, Any]], int],
    f1: bool,
    prepare: Callable[[list[Article]], list[Article]],
) -> tuple[dict[str, list[str]], list[tuple[float, float]]]:
    """Summarise every example with every system; return summaries and our per-story seconds."""
    outputs: dict[str, list[str]] = {name: [] for name in SYSTEMS}
    seconds = []
    for example in examples:
        articles, budget = prepare(example["articles"]), budget_of(example)
        for name in OURS:
            started, cpu = time.perf_counter(), time.process_time()
            summary = summarize(articles, settings=Settings(summarizer=name), words=budget)
            if name == OURS[0]:
                seconds.append((time.perf_counter() - started, time.process_time() - cpu))
            outputs[name].append("\n".join(s.text for s in summary))
        newest = max(articles, key=lambda a: a.published or datetime.min.replace(tzinfo=UTC))
        outputs["Lead newest"].append(truncate(newest.clean_text or newest.text, budget))
        for name in SUMY:
            outputs[name].append(truncate(sumy_summary(name, articles, budget), budget))
        refs = example["references"]
        outputs["oracle"].append(oracle_summary(articles, refs, budget, f1))
    return outputs, seconds


def score(outputs: list[str], examples: list[dict[str, Any]], f1: bool) -> list[dict[str, float]]:
    """Return per-example ROUGE (x100), recall or F1, averaged over the references."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = []
    for output, example in zip(outputs, examples, strict=True):
        per_ref = [scorer.score(ref, output) for ref in example["references"]]
        rows.append(
            {
                key: 100
                * statistics.mean(getattr(s[key], "fmeasure" if f1 else "recall") for s in per_ref)
                for key in ("rouge1", "rouge2", "rougeL")
            }
        )
    return rows


def table(
    title: str,
    outputs: dict[str, list[str]],
    examples: list[dict[str, Any]],
    f1: bool,
    keys: Sequence[str],
) -> dict[str, dict[str, float]]:
    """Print one dataset's table (all, tuning half, held-out half); return the 'all' means."""
    half = len(examples) // 2
    print(f"\n{title}")
    head = "  ".join(f"{k.upper().replace('ROUGE', 'R-'):>6}" for k in keys)
    print(f"{'system':<15} {head}   R-2 tune  R-2 held-out")
    means = {}
    for name in SYSTEMS:
        rows = score(outputs[name], examples, f1)
        means[name] = {k: statistics.mean(r[k] for r in rows) for k in keys}
        tune = statistics.mean(r["rouge2"] for r in rows[:half]) if half else float("nan")
        held = statistics.mean(r["rouge2"] for r in rows[half:])
        cells = "  ".join(f"{means[name][k]:6.2f}" for k in keys)
        print(f"{name:<15} {cells}   {tune:8.2f}  {held:12.2f}")
    return means


def main() -> None:
    """Run both datasets and print the tables, the goal checks and the speed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subset (6 DUC, 10 MN)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"No evaluation data at {EVAL}.")
    settings = Settings()
    prep_name, prepare = preparer(settings)
    print(f"Preparation: {prep_name}. Tune = first half, held-out = second half.")
    duc = load("duc2003_task2.jsonl", 6 if args.quick else None)
    outputs, seconds = run(duc, lambda e: 100, False, prepare)
    title = f"DUC 2003 task 2 ({len(duc)} clusters), 100 words, ROUGE recall x100, 4 refs"
    duc_means = table(title, outputs, duc, False, ("rouge1", "rouge2"))
    mn = load("multinews_dev.jsonl", 10 if args.quick else None)
    mn_out, _ = run(mn, lambda e: len(e["references"][0].split()), True, prepare)
    title = f"Multi-News dev ({len(mn)} examples), reference length, ROUGE F1 x100"
    mn_means = table(title, mn_out, mn, True, ("rouge1", "rouge2", "rougeL"))
    ratio = duc_means["ilp.v1"]["rouge2"] / duc_means["sumy LexRank"]["rouge2"]
    print(f"\nDUC R-2 ilp.v1 / sumy LexRank = {ratio:.2f}x (goal >= 1.30)")
    print(f"Multi-News R-2 F1 ilp.v1 = {mn_means['ilp.v1']['rouge2']:.2f} (goal >= 15)")
    wall = statistics.median(s[0] for s in seconds)
    cpu = statistics.median(s[1] for s in seconds)
    print(
        f"Speed: median {wall:.3f} s wall ({cpu:.3f} s CPU) per DUC story (~10 articles) "
        "with ilp.v1, cleaning and dedupe excluded (goal < 0.5 s)"
    )


if __name__ == "__main__":
    main()
