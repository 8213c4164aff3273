"""Load benchmark of the web API (not a test): N concurrent clients against /api/events and the pair series.

Builds a store of at least --events events by replicating a small seed store (default: the demo articles in
examples/, coded here) with shifted dates and ids, starts `legation serve`'s app in a subprocess, and prints
p50/p95/p99 latency and error counts per endpoint.

Example: .venv/bin/python scripts/load_api.py --events 100000 --clients 50 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
REPLICATE_ARTICLES = """
INSERT INTO articles SELECT seed_articles.* REPLACE (
    article_id || '~' || copy.i AS article_id, content_hash || '~' || copy.i AS content_hash,
    published + CAST(copy.i * 3 AS INTEGER) AS published)
FROM seed_articles, range(1, ?) AS copy(i)
"""
REPLICATE_EVENTS = """
INSERT INTO events SELECT seed_events.* REPLACE (
    event_id || '~' || copy.i AS event_id, article_id || '~' || copy.i AS article_id,
    CASE WHEN date_start IS NULL THEN NULL
         ELSE strftime(date_start + CAST(copy.i * 3 AS INTEGER), '%Y-%m-%d') END AS date,
    CASE WHEN date_start IS NULL THEN NULL ELSE 'day' END AS date_precision,
    date_start + CAST(copy.i * 3 AS INTEGER) AS date_start,
    CASE WHEN group_id IS NULL THEN NULL ELSE group_id || '~' || copy.i END AS group_id)
FROM seed_events, range(1, ?) AS copy(i)
"""
SERVER = """
import sys, uvicorn
from legation.web import ApiLimits, create_app
uvicorn.run(create_app(sys.argv[1], limits=ApiLimits(rate=None)), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning")
"""


def seed_store(path: Path) -> None:
    """Code the demo articles of examples/ into `path` (loads the spaCy model)."""
    from legation.ingest import ingest
    from legation.settings import load_settings

    ingest([ROOT / "examples"], settings=load_settings(env={}, overrides={"db": str(path)}))


def build_store(seed: Path | None, target: Path, events: int) -> int:
    """Copy (or code) the seed store into `target` and replicate it until it holds >= `events` events."""
    if seed is None:
        seed_store(target)
    else:
        shutil.copyfile(seed, target)
    with duckdb.connect(str(target)) as connection:
        base = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        if not base:
            raise SystemExit(f"{target}: the seed store has no events")
        copies = -(-events // base)
        connection.execute("CREATE TEMP TABLE seed_events AS SELECT * FROM events")
        connection.execute("CREATE TEMP TABLE seed_articles AS SELECT * FROM articles")
        connection.execute(REPLICATE_ARTICLES, [copies])
        connection.execute(REPLICATE_EVENTS, [copies])
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])


def top_pair(path: Path) -> tuple[str, str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        row = connection.execute(
            "SELECT actor_countries[1], recipient_countries[1], count(*) AS n FROM events"
            " WHERE len(actor_countries) > 0 AND len(recipient_countries) > 0"
            " AND actor_countries[1] <> recipient_countries[1] GROUP BY ALL ORDER BY n DESC LIMIT 1"
        ).fetchone()
    return str(row[0]), str(row[1])


def requests_for(pair: tuple[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    first, second = pair
    return [
        ("events page", "/api/events", {"page_size": "50"}),
        ("events pair", "/api/events", {"pair": f"{first}-{second}", "sort": "-date", "page": "3"}),
        (
            "events filtered",
            "/api/events",
            {"country": first, "since": "2023-01-01", "q": "minister", "min_confidence": "0.5"},
        ),
        ("pair series", f"/api/pairs/{first}/{second}/series", {"by": "month"}),
    ]


async def client_loop(
    http: httpx.AsyncClient, plan: list, stop: float, latencies: dict, errors: dict
) -> None:
    chooser = random.Random()
    while time.monotonic() < stop:
        name, path, params = chooser.choice(plan)
        started = time.perf_counter()
        try:
            response = await http.get(path, params=params)
            status = str(response.status_code)
        except httpx.HTTPError as error:
            status = type(error).__name__
        latencies[name].append(time.perf_counter() - started)
        if status != "200":
            errors[name] += 1
            errors[f"kind {status}"] += 1


async def run_load(base_url: str, plan: list, clients: int, seconds: float) -> tuple[dict, dict]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0, limits=limits) as http:
        stop = time.monotonic() + seconds
        await asyncio.gather(*(client_loop(http, plan, stop, latencies, errors) for _ in range(clients)))
    return latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(latencies: dict[str, list[float]], errors: dict[str, int], seconds: float) -> None:
    print(
        f"{'endpoint':<16} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        f" {'mean ms':>8}"
    )
    everything = [value for values in latencies.values() for value in values]
    for name, values in [*sorted(latencies.items()), ("all", everything)]:
        failed = sum(errors[key] for key in latencies) if name == "all" else errors[name]
        print(
            f"{name:<16} {len(values):>8} {failed:>6} {percentile(values, 0.5):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {percentile(values, 0.99):>8.1f}"
            f" {statistics.mean(values) * 1000:>8.1f}"
        )
    print(f"throughput: {len(everything) / seconds:.0f} requests/s")
    kinds = {
        key.removeprefix("kind "): count for key, count in sorted(errors.items()) if key.startswith("kind ")
    }
    if kinds:
        print("errors by kind: " + ", ".join(f"{kind} {count}" for kind, count in kinds.items()))


def wait_for(base_url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            if httpx.get(f"{base_url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", type=Path, help="Use this store as is (else one is built in a temporary folder)."
    )
    parser.add_argument("--seed", type=Path, help="Small store to replicate (default: code examples/).")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legation-load-") as folder:
        store = options.db
        if store is None:
            store = Path(folder) / "load.duckdb"
            started = time.perf_counter()
            total = build_store(options.seed, store, options.events)
            print(f"built {store}: {total} events in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(store), str(port)])
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(base_url, server)
            plan = requests_for(top_pair(store))
            print(f"{options.clients} clients for {options.seconds:.0f} s against {base_url} ...")
            latencies, errors = asyncio.run(run_load(base_url, plan, options.clients, options.seconds))
            report(latencies, errors, options.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
