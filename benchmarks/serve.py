"""Serve benchmark: page latency for concurrent readers while articles are ingested over HTTP.

Starts a real `storydesk serve` (uvicorn, its own process) on 127.0.0.1 over a fresh database and
ingests a tenth of the articles. Then the same readers run in three phases: alone ("before", the
baseline), while the rest is POSTed to /api/articles in batches ("during"), and alone again on the
full database ("after"). Every article must be readable afterwards. The baseline is the same
scenario against the same app with workers=0 (ingest and briefings in the server's threads).
Articles come from ../shared/eval/clustering (read at run time, never copied), topped up with
syndicated copies to reach --articles; without the eval data, from examples/ with copies.

    .venv/bin/python benchmarks/serve.py            # 50 readers, 1,000 articles
    .venv/bin/python benchmarks/serve.py --quick    # 10 readers, 200 articles
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "clustering"
HOST = "127.0.0.1"  # loopback only
PAGES = ("list", "api-list", "search", "story", "api-story", "article", "api-article")
TIMEOUT = 120.0


@dataclass
class Log:
    """Latencies and failures of requests, by page kind (thread-safe appends)."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    briefings: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, state: str) -> None:
        with self.lock:
            self.briefings[state] += 1

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


@dataclass
class Shared:
    """What readers know: story ids and article (external) ids the server has reported."""

    stories: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    added: int = 0


def load_records(count: int) -> list[dict[str, str]]:
    """Return `count` article records: eval (or example) articles, then syndicated copies."""
    base = _distinct(_eval_records() or _example_records())
    records = []
    for number in range(count):
        record = dict(base[number % len(base)])
        round_ = number // len(base)
        if round_:  # a syndicated copy: same story, another outlet, a credit line added
            record["outlet"] = f"Syndicate {round_} via {record['outlet']}"
            record["text"] += f"\nDistributed by Syndicate {round_}."
        record["id"] = f"bench-{number:05d}"
        records.append(record)
    return records


def _distinct(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Drop repeated records (an eval article may be listed under two stories)."""
    seen: set[tuple[str | None, ...]] = set()
    kept = []
    for record in records:
        key = (record.get("outlet"), record.get("title"), record["text"])
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


def _eval_records() -> list[dict[str, str]]:
    records = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            outlet = item.get("source") or f"Outlet {zlib.crc32(item['id'].encode()) % 7}"
            record = {"text": item["text"], "outlet": outlet}
            if item.get("title"):
                record["title"] = item["title"]
            if item.get("date"):
                record["published"] = item["date"]
            records.append(record)
    return records


def _example_records() -> list[dict[str, str]]:
    records = []
    for path in sorted((ROOT / "examples").rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        records.append({"title": title.strip(), "text": body.strip(), "outlet": path.parent.name})
    return records


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


BASELINE_SERVER = """
import sys, uvicorn
from storydesk.api import create_app
from storydesk.settings import Settings
app = create_app(Settings(db=sys.argv[1]), workers=0)
uvicorn.run(app, host=sys.argv[2], port=int(sys.argv[3]), log_level="warning")
"""


def start_server(db: Path, port: int, *, baseline: bool) -> subprocess.Popen[bytes]:
    """Run the server in its own process (its own GIL) and wait until it answers.

    Ours is `storydesk serve` (worker processes for ingest and briefings); the baseline is the
    same app with workers=0: everything in the server's own threads.
    """
    if baseline:
        command = [sys.executable, "-c", BASELINE_SERVER, str(db), HOST, str(port)]
    else:
        command = [sys.executable, "-m", "storydesk", "--db", str(db), "serve", "--host", HOST]
        command += ["--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    stderr = server.stderr.read().decode()[-2000:] if server.stderr else ""
    raise SystemExit("the server did not start: " + stderr)


def ingest(
    client: httpx.Client, records: list[dict[str, str]], batch: int, shared: Shared, log: Log
) -> None:
    """POST records as JSON Lines in batches; publish each batch's ids to the readers."""
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        body = "\n".join(json.dumps(record) for record in chunk)
        began = time.perf_counter()
        error = None
        try:
            response = client.post(
                "/api/articles", content=body, headers={"content-type": "application/x-ndjson"}
            )
            if response.status_code != 200 or response.json()["errors"]:
                error = f"{response.status_code}: {response.text[:200]}"
            else:
                shared.added += response.json()["added"]
        except httpx.HTTPError as exc:
            error = repr(exc)
        log.add("ingest-batch", time.perf_counter() - began, error)
        shared.articles.extend(record["id"] for record in chunk)
        shared.words.extend(chunk[0]["text"].split()[3:5])


def read_pages(
    client: httpx.Client, shared: Shared, log: Log, stop: Callable[[], bool], seed: int
) -> None:
    """Request pages round-robin (random ids among those known) until told to stop."""
    rng = random.Random(seed)
    turn = seed
    while not stop():
        kind = PAGES[turn % len(PAGES)]
        turn += 1
        path = _path(kind, shared, rng)
        if path is None:
            continue
        began = time.perf_counter()
        error = None
        try:
            response = client.get(path)
            if response.status_code >= 400:
                error = f"{response.status_code} {path}: {response.text[:200]}"
            elif kind in ("story", "api-story"):
                log.count(_briefing_state(response))
            elif kind == "api-list":
                shared.stories[:] = [row["id"] for row in response.json()["stories"]]
        except httpx.HTTPError as exc:
            error = f"{exc!r} {path}"
        log.add(kind, time.perf_counter() - began, error)


def _briefing_state(response: httpx.Response) -> str:
    """Tell whether a story view had its current briefing, an older one, or none yet."""
    if response.status_code == 202 or 'id="pending"' in response.text:
        return "pending"
    if '"stale":true' in response.text or 'id="stale"' in response.text:
        return "stale"
    return "current"


def _path(kind: str, shared: Shared, rng: random.Random) -> str | None:
    if kind == "list":
        return "/"
    if kind == "api-list":
        return "/api/stories?limit=200"
    if kind == "search":
        return f"/?q={quote(rng.choice(shared.words))}" if shared.words else None
    if kind in ("story", "api-story"):
        if not shared.stories:
            return None
        prefix = "/stories/" if kind == "story" else "/api/stories/"
        return prefix + rng.choice(shared.stories)
    if not shared.articles:
        return None
    prefix = "/articles/" if kind == "article" else "/api/articles/"
    return prefix + rng.choice(shared.articles)


def run_readers(
    base: str, readers: int, shared: Shared, log: Log, stop: Callable[[], bool]
) -> None:
    """Run `readers` reader threads until stop() says so."""
    threads = []
    for number in range(readers):
        client = httpx.Client(base_url=base, timeout=TIMEOUT, follow_redirects=True)
        thread = threading.Thread(target=read_pages, args=(client, shared, log, stop, number))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


def check_all_present(base: str, records: list[dict[str, str]]) -> tuple[int, int]:
    """Return (articles readable by id, articles placed in a story)."""
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        found = sum(
            client.get(f"/api/articles/{record['id']}").status_code == 200 for record in records
        )
        in_stories, offset = 0, 0
        while True:
            page = client.get(f"/api/stories?limit=500&offset={offset}").json()
            in_stories += sum(row["articles"] for row in page["stories"])
            offset += 500
            if offset >= page["total"]:
                break
    return found, in_stories


@dataclass
class Phase:
    """One measured phase: its name, request log and wall-clock seconds."""

    name: str
    log: Log
    wall: float


HEADER = (
    "| phase        | page        | requests | errors |  p50 ms |  p95 ms |  max ms |  req/s |",
    "|--------------|-------------|----------|--------|---------|---------|---------|--------|",
)


def row(phase: Phase, page: str, kinds: tuple[str, ...]) -> str:
    """Format one table line: latency percentiles of the given page kinds in a phase."""
    times = [t for kind in kinds for t in phase.log.seconds.get(kind, [])]
    errors = sum(len(phase.log.errors.get(kind, [])) for kind in kinds)
    if not times:
        dashes = " | ".join(f"{'-':>7}" for _ in range(3))
        return f"| {phase.name:<12} | {page:<11} | {0:>8} | {errors:>6} | {dashes} | {'-':>6} |"
    p50, p95 = _pct(times, 50), _pct(times, 95)
    return (
        f"| {phase.name:<12} | {page:<11} | {len(times):>8} | {errors:>6} | {p50 * 1000:>7.0f} "
        f"| {p95 * 1000:>7.0f} | {max(times) * 1000:>7.0f} | {len(times) / phase.wall:>6.1f} |"
    )


def _pct(values: list[float], pct: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


@dataclass
class Run:
    """One configuration's phases and ingest figures."""

    name: str
    phases: tuple[Phase, ...]
    warm_log: Log
    writer_log: Log
    first: int
    found: int
    added: int
    in_stories: int


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 readers, 200 articles")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50, help="articles per POST")
    parser.add_argument("--phase-seconds", type=float, default=20.0, help="readers-alone phases")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="bound on the ingest")
    args = parser.parse_args()
    if args.quick:
        args.readers, args.articles, args.phase_seconds = 10, 200, 8.0
    records = load_records(args.articles)
    source = "eval clustering articles" if _eval_records() else "examples/"
    runs = [_run(name, records, args) for name in ("ours", "baseline")]
    print(
        f"storydesk serve: {args.articles} articles ({source}; syndicated copies beyond them), "
        f"POSTed in batches of {args.batch}; {args.readers} reader threads; uvicorn on {HOST}"
    )
    print(
        "ours = `storydesk serve` (ingest and briefings in worker processes); "
        "baseline = the same app with workers=0 (all in the server's threads)\n"
    )
    print("\n".join(_side_by_side(runs, len(records))))
    for run in runs:
        print(f"\n{run.name}: latency by page")
        print("\n".join(_table(run)))


def _run(name: str, records: list[dict[str, str]], args: argparse.Namespace) -> Run:
    workdir = Path(tempfile.mkdtemp(prefix="storydesk-serve-bench-"))
    port = free_port()
    server = start_server(workdir / "bench.db", port, baseline=name == "baseline")
    try:
        return _measure(name, f"http://{HOST}:{port}", records, args)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # busy in a briefing: its figures are already taken
            server.kill()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def _measure(name: str, base: str, records: list[dict[str, str]], args: argparse.Namespace) -> Run:
    """Run the phases against one server."""
    shared, warm_log, writer_log = Shared(), Log(), Log()
    first = max(2 * args.batch, len(records) // 10)
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        ingest(client, records[:first], args.batch, shared, warm_log)
    before = _readers_alone("before", base, args, shared)
    done = threading.Event()

    def write() -> None:
        with httpx.Client(base_url=base, timeout=TIMEOUT * 5) as client:
            ingest(client, records[first:], args.batch, shared, writer_log)
        done.set()

    began = time.monotonic()
    writer = threading.Thread(target=write)
    writer.start()
    during_log = Log()
    run_readers(
        base,
        args.readers,
        shared,
        during_log,
        lambda: done.is_set() or time.monotonic() - began > args.max_seconds,
    )
    writer.join()
    during = Phase("during", during_log, time.monotonic() - began)
    after = _readers_alone("after", base, args, shared)
    found, in_stories = check_all_present(base, records)
    phases = (before, during, after)
    return Run(name, phases, warm_log, writer_log, first, found, shared.added, in_stories)


def _table(run: Run) -> list[str]:
    lines = list(HEADER)
    for page, kinds in [("all", PAGES), *((kind, (kind,)) for kind in PAGES)]:
        lines += [row(phase, page, kinds) for phase in run.phases]
    for phase in run.phases:
        for kind, messages in phase.log.errors.items():
            lines.append(f"  first {phase.name} {kind} error: {messages[0]}")
    return lines


def _side_by_side(runs: list[Run], total: int) -> list[str]:
    """The headline figures of each run, one column per run."""
    metrics: list[tuple[str, list[str]]] = []
    for phase_index, phase_name in enumerate(("before", "during", "after")):
        metrics.append(
            (
                f"all pages p50 / p95 ms, {phase_name}",
                [_p(r.phases[phase_index], PAGES) for r in runs],
            )
        )
    others = tuple(k for k in PAGES if "story" not in k)
    metrics += [
        ("list/article pages p50 / p95 ms, during", [_p(r.phases[1], others) for r in runs]),
        (
            "story pages p50 / p95 ms, during",
            [_p(r.phases[1], ("story", "api-story")) for r in runs],
        ),
        ("requests served, during (req/s)", [_rate(r.phases[1]) for r in runs]),
        ("story views current / stale / pending", [_states(r) for r in runs]),
        ("reader errors (goal 0)", [str(sum(_errors(p) for p in r.phases)) for r in runs]),
        (
            "ingest articles/s, no readers",
            [_ingest_rate(r.warm_log, r.first, skip_first=True) for r in runs],
        ),
        (
            "ingest articles/s, while reading",
            [_ingest_rate(r.writer_log, total - r.first) for r in runs],
        ),
        (
            "failed POSTs",
            [
                str(
                    len(r.writer_log.errors["ingest-batch"])
                    + len(r.warm_log.errors["ingest-batch"])
                )
                for r in runs
            ],
        ),
        (
            "articles present afterwards",
            [f"{r.found}/{total} ({r.in_stories} in stories)" for r in runs],
        ),
    ]
    width = max(len(name) for name, _ in metrics)
    lines = [f"| {'metric':<{width}} | " + " | ".join(f"{r.name:>22}" for r in runs) + " |"]
    lines.append(f"|{'-' * (width + 2)}|" + "|".join("-" * 24 for _ in runs) + "|")
    lines += [
        f"| {name:<{width}} | " + " | ".join(f"{v:>22}" for v in values) + " |"
        for name, values in metrics
    ]
    return lines


def _p(phase: Phase, kinds: tuple[str, ...]) -> str:
    times = [t for kind in kinds for t in phase.log.seconds.get(kind, [])]
    if not times:
        return "-"
    return f"{_pct(times, 50) * 1000:.0f} / {_pct(times, 95) * 1000:.0f}"


def _rate(phase: Phase) -> str:
    count = sum(len(v) for v in phase.log.seconds.values())
    return f"{count} ({count / phase.wall:.1f})"


def _states(run: Run) -> str:
    total: Counter[str] = Counter()
    for phase in run.phases:
        total.update(phase.log.briefings)
    return f"{total['current']} / {total['stale']} / {total['pending']}"


def _errors(phase: Phase) -> int:
    return sum(len(v) for v in phase.log.errors.values())


def _ingest_rate(log: Log, articles: int, *, skip_first: bool = False) -> str:
    """Articles per second over the POSTs (the first one starts the worker: left out if asked)."""
    times = log.seconds["ingest-batch"]
    if skip_first and len(times) > 1:
        articles -= articles // len(times)
        times = times[1:]
    return f"{articles / max(sum(times), 1e-9):.1f}"


def _readers_alone(name: str, base: str, args: argparse.Namespace, shared: Shared) -> Phase:
    log = Log()
    began = time.monotonic()
    run_readers(
        base, args.readers, shared, log, lambda: time.monotonic() - began > args.phase_seconds
    )
    return Phase(name, log, time.monotonic() - began)


if __name__ == "__main__":
    main()
