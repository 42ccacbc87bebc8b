"""The coverage chart of a story: which outlet published when, as server-rendered SVG."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from storydesk.models import Article
from storydesk.render.sections import plural

MAX_COLUMNS = 40
LABEL_WIDTH = 150
ROW_HEIGHT = 30
PLOT_WIDTH = 520
AXIS_HEIGHT = 34


@dataclass(frozen=True, slots=True)
class OutletSeries:
    """How many articles one outlet published in each bucket of the chart."""

    outlet: str
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CoverageChart:
    """Articles per outlet over time: buckets start on `starts` and last `days` days each."""

    starts: tuple[date, ...]
    days: int
    series: tuple[OutletSeries, ...]
    undated: int = 0


def coverage_chart(articles: Sequence[Article]) -> CoverageChart:
    """Count each outlet's dated articles per day (per few days for long stories)."""
    dated = [(a.outlet, a.published.date()) for a in articles if a.published]
    undated = len(articles) - len(dated)
    if not dated:
        return CoverageChart((), 1, (), undated)
    first = min(day for _, day in dated)
    span = (max(day for _, day in dated) - first).days + 1
    step = math.ceil(span / MAX_COLUMNS)
    columns = math.ceil(span / step)
    counts = Counter((outlet, (day - first).days // step) for outlet, day in dated)
    series = tuple(
        OutletSeries(outlet, tuple(counts[(outlet, col)] for col in range(columns)))
        for outlet in sorted({outlet for outlet, _ in dated})
    )
    starts = tuple(first + timedelta(days=col * step) for col in range(columns))
    return CoverageChart(starts, step, series, undated)


def render_chart(chart: CoverageChart) -> Markup:
    """Return the chart as an inline SVG element (every text escaped)."""
    if not chart.series:
        return Markup("")
    width = LABEL_WIDTH + PLOT_WIDTH
    height = ROW_HEIGHT * len(chart.series) + AXIS_HEIGHT
    column = PLOT_WIDTH / len(chart.starts)
    parts = [
        f'<svg class="coverage" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="Articles per outlet over time">'
    ]
    for row, series in enumerate(chart.series):
        parts.append(_row(row, series, chart, column))
    parts.append(_axis(chart, column, ROW_HEIGHT * len(chart.series)))
    parts.append("</svg>")
    return Markup("".join(parts))


def _row(row: int, series: OutletSeries, chart: CoverageChart, column: float) -> str:
    y = ROW_HEIGHT * row + ROW_HEIGHT / 2
    out = [
        _line("grid", y),
        f'<text class="outlet" x="{LABEL_WIDTH - 8}" y="{y + 4}" text-anchor="end">'
        f"{escape(_shorten(series.outlet))}</text>",
    ]
    for col, count in enumerate(series.counts):
        if not count:
            continue
        x = LABEL_WIDTH + column * (col + 0.5)
        radius = min(ROW_HEIGHT / 2 - 2, 4 + 3 * math.sqrt(count - 1))
        label = f"{series.outlet}: {plural(count, 'article')} from {chart.starts[col].isoformat()}"
        title = f"<title>{escape(label)}</title>"
        out.append(f'<circle cx="{x:.1f}" cy="{y}" r="{radius:.1f}">{title}</circle>')
    return "".join(out)


def _axis(chart: CoverageChart, column: float, top: int) -> str:
    every = max(1, math.ceil(len(chart.starts) / 6))
    out = [_line("axis", top)]
    for col in range(0, len(chart.starts), every):
        x = LABEL_WIDTH + column * (col + 0.5)
        out.append(
            f'<text class="day" x="{x:.1f}" y="{top + 20}" text-anchor="middle">'
            f"{chart.starts[col].strftime('%d %b %Y')}</text>"
        )
    return "".join(out)


def _line(kind: str, y: float) -> str:
    right = LABEL_WIDTH + PLOT_WIDTH
    return f'<line class="{kind}" x1="{LABEL_WIDTH}" y1="{y}" x2="{right}" y2="{y}"/>'


def _shorten(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
