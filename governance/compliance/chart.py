"""The coverage chart, drawn as SVG on the server so it needs no script."""

import datetime as dt
from dataclasses import dataclass

from constituencies.models import Nation

# Each nation's line differs in colour, dash and marker, so none depends on colour
# alone (WCAG 1.4.1); every colour is over 3:1 on white (1.4.11).
LINE_STYLES = {
    Nation.ENGLAND: ("#c8102e", "", "circle"),
    Nation.SCOTLAND: ("#1f5fa8", "8 4", "square"),
    Nation.WALES: ("#1e6b3a", "2 4", "diamond"),
    Nation.NORTHERN_IRELAND: ("#6b3fa0", "10 4 2 4", "triangle"),
}


@dataclass
class ChartPoint:
    x: float
    y: float
    on: dt.date
    share: int

    def marker(self, shape: str, size: float = 4.5) -> str:
        """An SVG path drawing this point as `shape`."""
        x, y, s = self.x, self.y, size
        if shape == "square":
            corners = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
        elif shape == "diamond":
            corners = [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)]
        elif shape == "triangle":
            corners = [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)]
        else:
            return f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s:.1f},0a{s},{s} 0 1,0 {-2 * s:.1f},0Z"
        return "M" + "L".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + "Z"


@dataclass
class ChartLine:
    nation: str
    label: str
    colour: str
    dash: str
    marker: str
    points: list[ChartPoint]
    label_y: float = 0.0

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def markers(self) -> list[str]:
        return [point.marker(self.marker) for point in self.points]

    @property
    def label_x(self) -> str:
        return f"{self.latest.x + 10:.1f}"

    @property
    def latest(self) -> ChartPoint:
        return self.points[-1]


@dataclass
class CoverageChart:
    """Coordinates for an SVG line chart of the share of CLPs with a designated
    administrator, per nation per day, and the same figures as table rows."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[ChartLine]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    rows: list[tuple[dt.date, list[str]]]
    first: dt.date
    last: dt.date

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def description(self) -> str:
        latest = "; ".join(
            f"{line.label} {line.latest.share}% on {line.latest.on:%-d %B %Y}"
            for line in self.lines
        )
        return (
            f"Share of active CLPs with a designated administrator, by nation, from "
            f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}. Latest: {latest}."
        )


def share(snapshot) -> int:
    return round(100 * snapshot.clps_with_administrator / snapshot.clps) if snapshot.clps else 0


def coverage_chart(snapshots, *, width=640, height=260) -> CoverageChart | None:
    """Lay out `snapshots` (ordered by day) as a line per nation; None if there are none."""
    snapshots = list(snapshots)
    if not snapshots:
        return None
    left, right, top, bottom = 48, 130, 20, 40
    plot_width, plot_height = width - left - right, height - top - bottom
    first, last = snapshots[0].taken_on, snapshots[-1].taken_on
    span = (last - first).days

    def x(day):
        if not span:
            return round(left + plot_width / 2, 1)
        return round(left + plot_width * (day - first).days / span, 1)

    def y(percent):
        return round(top + plot_height * (100 - percent) / 100, 1)

    by_nation: dict[str, list] = {}
    for snapshot in snapshots:
        by_nation.setdefault(snapshot.nation, []).append(snapshot)
    lines = []
    for nation in Nation.values:
        if nation not in by_nation:
            continue
        colour, dash, marker = LINE_STYLES[nation]
        points = [
            ChartPoint(x=x(s.taken_on), y=y(share(s)), on=s.taken_on, share=share(s))
            for s in by_nation[nation]
        ]
        lines.append(
            ChartLine(
                nation=nation,
                label=Nation(nation).label,
                colour=colour,
                dash=dash,
                marker=marker,
                points=points,
            )
        )
    _place_labels(lines, minimum=top + 4, maximum=top + plot_height + 4)

    days = sorted({s.taken_on for s in snapshots})
    x_ticks = [(x(first), f"{first:%-d %b}")]
    if span >= 2:
        middle = first + dt.timedelta(days=span // 2)
        x_ticks.append((x(middle), f"{middle:%-d %b}"))
    if span:
        x_ticks.append((x(last), f"{last:%-d %b}"))
    table = {(s.taken_on, s.nation): s for s in snapshots}
    rows = [
        (
            day,
            [_cell(table.get((day, line.nation))) for line in lines],
        )
        for day in reversed(days)
    ]
    return CoverageChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        lines=lines,
        y_ticks=[(y(percent), f"{percent}%") for percent in (0, 25, 50, 75, 100)],
        x_ticks=x_ticks,
        rows=rows,
        first=first,
        last=last,
    )


def _cell(snapshot) -> str:
    if snapshot is None:
        return "–"
    return f"{share(snapshot)}% ({snapshot.clps_with_administrator} of {snapshot.clps})"


def _place_labels(lines, *, minimum, maximum, gap=16):
    """Put each line's name beside its last point, nudged apart so none overlap and
    all stay within the plot."""
    ordered = sorted(lines, key=lambda line: line.latest.y)
    position = minimum - gap
    for line in ordered:
        position = max(line.latest.y + 4, position + gap)
        line.label_y = position
    position = maximum + gap
    for line in reversed(ordered):
        position = min(line.label_y, position - gap)
        line.label_y = position
