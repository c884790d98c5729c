"""The intermediate representation: frozen, coordinate-tagged records of a figure.

``walk(fig)`` produces a :class:`FigureIR`; the Plotly writer reads only these records and
never touches a matplotlib object. Every value in a record is already JSON-able (plain
floats, strings, ``None`` for gaps), and every position carries a coordinate tag saying what
it is measured in:

- ``"data"``: the axes' data coordinates, already converted to what Plotly expects on that
  axis (ISO strings on a date axis, transformed values on a symlog/logit axis);
- ``"axes"``: fractions of the axes box (Plotly's ``"x domain"``);
- ``"figure"``: fractions of the figure (Plotly's ``"paper"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

__all__ = [
    "ArrowSpec",
    "AxesIR",
    "AxisIR",
    "BarMark",
    "BoxMark",
    "ColorbarSpec",
    "Coord",
    "ErrorSpec",
    "FigureIR",
    "ImageMark",
    "LegendEntry",
    "LegendIR",
    "LineMark",
    "LineStyle",
    "Mark",
    "MarkerSpec",
    "MeshMark",
    "PaperImage",
    "PathMark",
    "PieMark",
    "TextMark",
]

Coord = Literal["data", "axes", "figure"]
Values = list  # a list of float | str | None, JSON-able


@dataclass(frozen=True)
class ColorbarSpec:
    """A colorbar attached to the trace of its mappable."""

    x: float
    y: float
    length: float
    thickness: float  # px
    orientation: Literal["v", "h"]
    title: str
    tickvals: Values
    ticktext: list[str]
    colorscale: list | None = None  # the bar's own colours, for carrier traces


@dataclass(frozen=True)
class LineStyle:
    color: str
    width: float  # px
    dash: str = "solid"


@dataclass(frozen=True)
class MarkerSpec:
    symbol: str | list[str]
    size: float | Values  # diameter, px
    color: str | Values  # an rgba string, per-point rgba strings, or numbers with colorscale
    line_color: str | Values = "rgba(0,0,0,0)"
    line_width: float | Values = 0.0
    colorscale: list | None = None  # [[0.0, "rgb(...)"], ...]
    cmin: float | None = None
    cmax: float | None = None
    colorbar: ColorbarSpec | None = None


@dataclass(frozen=True)
class ErrorSpec:
    plus: Values
    minus: Values
    color: str
    thickness: float
    width: float  # cap half-width, px


@dataclass(frozen=True)
class LineMark:
    """An x/y trace: lines, markers, filled polygons (``fill="toself"``), error bars."""

    x: Values
    y: Values
    line: LineStyle | None
    marker: MarkerSpec | None = None
    shape: Literal["linear", "hv", "vh", "hvh"] = "linear"
    fill: str | None = None  # fill colour of a closed polygon
    error_x: ErrorSpec | None = None
    error_y: ErrorSpec | None = None
    label: str | None = None
    z: Values | None = None  # 3-D axes only
    hover: bool = True
    raw: list | None = None  # [[x, y], ...] original values, when the axes show transformed ones
    pattern: tuple | None = None  # (shape, colour, size px) of a hatched fill
    source: str = ""  # what artist this came from, for the report and legend matching
    opacity: float = 1.0


@dataclass(frozen=True)
class PathMark:
    """A shape drawn in layout coordinates: spans, axhline/axvline, axes/figure patches."""

    path: str  # SVG path in the coordinates named by xcoord/ycoord
    xcoord: Coord
    ycoord: Coord
    line: LineStyle | None
    fill: str | None
    layer: Literal["above", "below"] = "above"
    label: str | None = None
    source: str = ""
    # when set, ``path`` is in pixels (x right, y up) around this point, given in the data
    # coordinates of xcoord/ycoord: a marker of fixed screen size that stays on its point
    anchor: tuple | None = None


@dataclass(frozen=True)
class BarMark:
    orientation: Literal["v", "h"]
    pos: Values  # bar centres along the category axis
    length: Values  # signed heights (v) or widths (h)
    base: Values
    width: Values
    color: Values  # per-bar rgba
    line_color: Values
    line_width: float
    pattern: str = ""
    label: str | None = None
    source: str = ""


@dataclass(frozen=True)
class ImageMark:
    """A heatmap (scalar data with a colormap) or an image (RGB(A) pixels as a PNG URI)."""

    kind: Literal["heatmap", "image"]
    x: Values  # cell centres (heatmap) or [x0, dx] (image)
    y: Values
    z: list | None = None
    source_uri: str | None = None
    colorscale: list | None = None
    zmin: float | None = None
    zmax: float | None = None
    customdata: list | None = None  # raw values when z holds normalised ones
    smooth: bool = False
    opacity: float = 1.0
    colorbar: ColorbarSpec | None = None
    label: str | None = None
    source: str = ""


@dataclass(frozen=True)
class PaperImage:
    """A picture pinned to the figure (``figimage``): a layout image in figure fractions."""

    source_uri: str
    x: float  # left edge
    y: float  # top edge
    sizex: float
    sizey: float
    opacity: float = 1.0
    layer: Literal["above", "below"] = "above"
    source: str = ""


@dataclass(frozen=True)
class ArrowSpec:
    x: float | str  # tail (text) position
    y: float | str
    xcoord: Coord | Literal["pixel"]
    ycoord: Coord | Literal["pixel"]
    color: str
    width: float
    head: int


@dataclass(frozen=True)
class TextMark:
    text: str
    x: float | str
    y: float | str
    xcoord: Coord
    ycoord: Coord
    size: float  # px
    color: str
    angle: float = 0.0  # degrees, matplotlib's counter-clockwise
    xanchor: Literal["left", "center", "right"] = "left"
    yanchor: Literal["top", "middle", "bottom"] = "bottom"
    arrow: ArrowSpec | None = None
    bgcolor: str | None = None
    xshift: float = 0.0
    yshift: float = 0.0
    source: str = ""
    z: float | None = None  # 3-D axes: a scene annotation at (x, y, z)


@dataclass(frozen=True)
class PieMark:
    values: Values
    labels: list[str]
    colors: Values
    rotation: float
    pull: Values
    hole: float
    line_color: Values
    line_width: float
    domain: tuple[float, float, float, float] | None = None  # the pie's box, figure fraction
    source: str = ""
    direction: Literal["counterclockwise", "clockwise"] = "counterclockwise"


@dataclass(frozen=True)
class BoxMark:
    """One box of a box plot, from its drawn statistics."""

    orientation: Literal["v", "h"]
    pos: float
    width: float
    q1: float
    q3: float
    median: float
    lowerfence: float
    upperfence: float
    fill: str
    line_color: str
    line_width: float
    cap_ratio: float = 0.0
    label: str | None = None
    source: str = ""


@dataclass(frozen=True)
class MeshMark:
    """A 3-D triangle mesh (surfaces, bars, voxels, polygons)."""

    x: Values
    y: Values
    z: Values
    i: list[int]
    j: list[int]
    k: list[int]
    facecolor: Values
    opacity: float = 1.0
    label: str | None = None
    source: str = ""


Mark = Union[LineMark, PathMark, BarMark, BoxMark, ImageMark, TextMark, PieMark, MeshMark]


@dataclass(frozen=True)
class AxisIR:
    kind: Literal["linear", "log", "date", "transformed", "category"]
    range: tuple | None  # in Plotly units (log10 on log axes)
    title: str = ""
    title_size: float = 12.0
    tickvals: Values | None = None
    ticktext: list[str] | None = None
    tickangle: float = 0.0
    tick_size: float = 12.0
    tick_color: str = "rgba(0,0,0,1)"  # tick label colour
    minor_tickvals: Values | None = None  # unlabelled minor ticks (log axes show them)
    minor_grid: bool = False
    ticklabels: bool = True  # False where shared axes (or tick_params) hide them
    tickmarks: bool = True
    minor_tickmarks: bool = True
    griddash: str = "solid"
    gridwidth: float = 0.8 * 100 / 72  # px
    title_color: str = "rgba(0,0,0,1)"
    visible: bool = True
    showline: bool = True
    mirror: bool = True
    showgrid: bool = False
    gridcolor: str = "rgba(176,176,176,1)"
    side: str = ""  # "left"/"right"/"top"/"bottom"
    matches: int | None = None  # index of the axes whose axis this one follows


@dataclass(frozen=True)
class LegendEntry:
    label: str  # display text (Plotly HTML)
    key: str  # the raw label, as the artists of that entry carry it
    kind: Literal["line", "patch", "marker"]
    color: str
    line: LineStyle | None
    marker: MarkerSpec | None


@dataclass(frozen=True)
class LegendIR:
    entries: tuple[LegendEntry, ...]
    x: float  # figure fraction
    y: float
    xanchor: str
    yanchor: str
    title: str = ""
    font_size: float = 12.0
    frame: bool = True
    axes: int | None = None  # owning axes index, None for figure legends
    columns: int = 1  # entries side by side (``ncols``); Plotly lays them out horizontally


@dataclass(frozen=True)
class AxesIR:
    index: int
    kind: Literal["xy", "polar", "3d", "pie"]
    domain: tuple[float, float, float, float]  # x0, x1, y0, y1 as figure fractions
    xaxis: AxisIR
    yaxis: AxisIR
    zaxis: AxisIR | None = None
    marks: tuple = ()
    titles: tuple[TextMark, ...] = ()
    bgcolor: str = "rgba(255,255,255,1)"
    aspect: float | None = None
    twin_x_of: int | None = None  # shares the x axis with that axes (twinx)
    twin_y_of: int | None = None  # shares the y axis with that axes (twiny)
    polar: dict = field(default_factory=dict)  # angular/radial settings for polar axes
    anchor: tuple[float, float] = (0.5, 0.5)  # where a fixed-aspect box sits in its domain


@dataclass(frozen=True)
class FigureIR:
    width: float  # px
    height: float
    bgcolor: str
    axes: tuple[AxesIR, ...]
    texts: tuple[TextMark, ...] = ()
    shapes: tuple[PathMark, ...] = ()
    images: tuple[PaperImage, ...] = ()
    legends: tuple[LegendIR, ...] = ()
    title: TextMark | None = None
