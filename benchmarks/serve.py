"""Serve benchmark: page latency for concurrent readers while articles are ingested over HTTP.

Starts a real `storydesk serve` (uvicorn, its own process) on 127.0.0.1 over a fresh database and
ingests a tenth of the articles. Then the same readers run in three phases: alone ("before", the
baseline), while the rest is POSTed to /api/articles in batches ("during"), and alone again on the
full database ("after"). Every article must be readable afterwards. Articles come from
../shared/eval/clustering (read at run time, never copied), topped up with syndicated copies to
reach --articles; without the eval data, from examples/ with copies.

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
from collections import defaultdict
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
    lock: threading.Lock = field(default_factory=threading.Lock)

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


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """Run `storydesk serve` in its own process (its own GIL) and wait until it answers."""
    command = [sys.executable, "-m", "storydesk", "--db", str(db), "serve", "--host", HOST]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    stderr = server.stderr.read().decode()[-2000:] if server.stderr else ""
    raise SystemExit("storydesk serve did not start: " + stderr)


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
            elif kind == "api-list":
                shared.stories[:] = [row["id"] for row in response.json()["stories"]]
        except httpx.HTTPError as exc:
            error = f"{exc!r} {path}"
        log.add(kind, time.perf_counter() - began, error)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 readers, 200 articles")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50, help="articles per POST")
    parser.add_argument("--phase-seconds", type=float, default=20.0, help="readers-alone phases")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="bound on the ingest")
    args = parser.parse_args()
    if args.quick:
        args.readers, args.articles, args.phase_seconds = 10, 200, 8.0
    records = load_records(args.articles)
    source = "eval clustering articles" if _eval_records() else "examples/"
    workdir = Path(tempfile.mkdtemp(prefix="storydesk-serve-bench-"))
    port = free_port()
    server = start_server(workdir / "bench.db", port)
    try:
        lines = _measure(f"http://{HOST}:{port}", records, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"storydesk serve: {args.articles} articles ({source}; syndicated copies beyond them), "
        f"POSTed in batches of {args.batch}; {args.readers} reader threads; uvicorn on {HOST}"
    )
    print("\n".join(lines))


def _measure(base: str, records: list[dict[str, str]], args: argparse.Namespace) -> list[str]:
    """Run the phases; return the report lines."""
    shared, warm_log, writer_log = Shared(), Log(), Log()
    first = max(args.batch, len(records) // 10)
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
    lines = list(HEADER)
    for page, kinds in [("all", PAGES), *((kind, (kind,)) for kind in PAGES)]:
        lines += [row(phase, page, kinds) for phase in (before, during, after)]
    found_line = f"{found}/{len(records)} readable by id, {shared.added} stored by the POSTs"
    return lines + _summary(
        records, first, warm_log, writer_log, (before, during, after), found_line, in_stories
    )


def _readers_alone(name: str, base: str, args: argparse.Namespace, shared: Shared) -> Phase:
    log = Log()
    began = time.monotonic()
    run_readers(
        base, args.readers, shared, log, lambda: time.monotonic() - began > args.phase_seconds
    )
    return Phase(name, log, time.monotonic() - began)


def _summary(
    records: list[dict[str, str]],
    first: int,
    warm_log: Log,
    writer_log: Log,
    phases: tuple[Phase, ...],
    found: str,
    in_stories: int,
) -> list[str]:
    ingested = len(records) - first
    batches = writer_log.seconds["ingest-batch"]
    warm = warm_log.seconds["ingest-batch"]
    errors = ", ".join(
        f"{sum(len(v) for v in phase.log.errors.values())} {phase.name}" for phase in phases
    )
    lines = [
        "",
        f"ingest, no readers (first {first}):  {first / max(sum(warm), 1e-9):7.1f} articles/s",
        f"ingest, while reading ({ingested}): {ingested / max(sum(batches), 1e-9):7.1f} articles/s "
        f"({len(batches)} POSTs, {len(writer_log.errors['ingest-batch'])} failed)",
        f"reader errors (goal 0): {errors}",
        f"present afterwards: {found}, {in_stories}/{len(records)} in a story",
    ]
    for phase in phases:
        for kind, messages in phase.log.errors.items():
            lines.append(f"  first {phase.name} {kind} error: {messages[0]}")
    return lines


if __name__ == "__main__":
    main()
