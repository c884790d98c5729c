"""``write(ir) -> dict``: the Plotly figure JSON for a FigureIR. Reads records only.

Layout choice: margins are zero and every subplot's domain is its matplotlib position as a
fraction of the figure, so Plotly's "paper" is matplotlib's figure box; ``automargin``
grows the margins only when tick labels would not fit.
"""

from __future__ import annotations

import math

from typing import Any

from .ir import (
    AxesIR, AxisIR, BarMark, BoxMark, ColorbarSpec, FigureIR, ImageMark, LegendIR, LineMark, LineStyle,
    MarkerSpec, MeshMark, PathMark, PieMark, TextMark,
)

__all__ = ["write"]

_PT = 100 / 72
_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
_BLACK = "rgba(0,0,0,1)"


class _Refs:
    """Plotly axis ids ("x", "x2", …), subplot ids ("polar2", "scene") per axes index."""

    def __init__(self, ir: FigureIR) -> None:
        self.x: dict[int, int] = {}
        self.y: dict[int, int] = {}
        self.sub: dict[int, str] = {}
        self.overlay_x: dict[int, int] = {}
        self.overlay_y: dict[int, int] = {}
        nx = ny = npolar = nscene = 0
        for a in ir.axes:
            if a.kind == "polar":
                npolar += 1
                self.sub[a.index] = "polar" if npolar == 1 else f"polar{npolar}"
            elif a.kind == "3d":
                nscene += 1
                self.sub[a.index] = "scene" if nscene == 1 else f"scene{nscene}"
            elif a.kind == "xy":
                if a.twin_x_of is not None and a.twin_x_of in self.x:
                    self.x[a.index] = self.x[a.twin_x_of]
                    ny += 1
                    self.y[a.index] = ny
                    self.overlay_y[a.index] = self._base(self.y, a.twin_x_of)
                elif a.twin_y_of is not None and a.twin_y_of in self.y:
                    self.y[a.index] = self.y[a.twin_y_of]
                    nx += 1
                    self.x[a.index] = nx
                    self.overlay_x[a.index] = self._base(self.x, a.twin_y_of)
                else:
                    nx += 1
                    ny += 1
                    self.x[a.index], self.y[a.index] = nx, ny

    def _base(self, ids: dict[int, int], j: int) -> int:
        return ids[j]

    @staticmethod
    def ref(letter: str, n: int) -> str:
        return letter if n == 1 else f"{letter}{n}"

    def xref(self, i: int) -> str:
        return self.ref("x", self.x[i])

    def yref(self, i: int) -> str:
        return self.ref("y", self.y[i])


def _line(style: LineStyle | None, shape: str = "linear") -> dict[str, Any]:
    if style is None:
        return {"width": 0, "color": "rgba(0,0,0,0)"}
    out = {"color": style.color, "width": round(style.width, 3), "dash": style.dash}
    if shape != "linear":
        out["shape"] = shape
    return out


def _colorbar(cb: ColorbarSpec) -> dict[str, Any]:
    out: dict[str, Any] = {
        "x": cb.x, "y": cb.y, "len": cb.length, "lenmode": "fraction",
        "thickness": max(1.0, round(cb.thickness, 2)), "thicknessmode": "pixels",
        "orientation": cb.orientation, "xpad": 0, "ypad": 0, "outlinewidth": 0.8 * _PT,
        "tickmode": "array", "tickvals": cb.tickvals, "ticktext": cb.ticktext,
        "ticks": "outside", "tickfont": {"size": 10 * _PT},
    }
    if cb.orientation == "v":
        out.update(xanchor="left", yanchor="middle")
    else:
        out.update(xanchor="center", yanchor="bottom")
    if cb.title:
        out["title"] = {"text": cb.title, "side": "right" if cb.orientation == "v" else "bottom",
                        "font": {"size": 10 * _PT}}
    return out


def _marker(m: MarkerSpec) -> dict[str, Any]:
    # opacity 1 explicitly: Plotly fades "bubble" markers (array sizes) to 0.7 by default
    out: dict[str, Any] = {"symbol": m.symbol, "size": m.size, "color": m.color,
                           "line": {"color": m.line_color, "width": m.line_width},
                           "opacity": 1}
    if m.colorscale is not None:
        out.update(colorscale=m.colorscale, cmin=m.cmin, cmax=m.cmax,
                   showscale=m.colorbar is not None)
        if m.colorbar is not None:
            out["colorbar"] = _colorbar(m.colorbar)
    return out


def _error(e) -> dict[str, Any]:
    return {"type": "data", "array": e.plus, "arrayminus": e.minus, "symmetric": False,
            "color": e.color, "thickness": round(e.thickness, 3), "width": round(e.width, 3),
            "visible": True}


def _scatter(m: LineMark, a: AxesIR, refs: _Refs) -> dict[str, Any]:
    modes = []
    if m.line is not None or m.fill is not None:
        modes.append("lines")
    if m.marker is not None:
        modes.append("markers")
    t: dict[str, Any] = {"type": "scatter", "mode": "+".join(modes) or "none",
                         "name": m.label or "", "showlegend": False}
    if a.kind == "polar":
        t.update(type="scatterpolar", theta=m.x, r=m.y, subplot=refs.sub[a.index])
    elif a.kind == "3d":
        t.update(type="scatter3d", x=m.x, y=m.y, z=m.z or [0.0] * len(m.x),
                 scene=refs.sub[a.index])
    else:
        t.update(x=m.x, y=m.y, xaxis=refs.xref(a.index), yaxis=refs.yref(a.index))
    if "lines" in modes:
        t["line"] = _line(m.line, m.shape)
        if a.kind == "3d":
            t["line"].pop("shape", None)
            t["line"]["dash"] = t["line"].get("dash", "solid")
    if m.marker is not None:
        t["marker"] = _marker(m.marker)
        if a.kind == "3d":
            t["marker"].pop("line", None)
            sym = t["marker"]["symbol"]
            if not isinstance(sym, str) or sym.split("-")[0] not in _SYMBOLS_3D:
                t["marker"]["symbol"] = "circle"
            else:
                t["marker"]["symbol"] = sym.split("-")[0] if sym.split("-")[0] != "triangle" \
                    else "diamond"
            if isinstance(t["marker"]["size"], (int, float)):
                t["marker"]["size"] = t["marker"]["size"] * 0.6
    if m.fill is not None:
        t.update(fill="toself", fillcolor=m.fill)
        if m.pattern is not None and a.kind == "xy":
            shape, color, size = m.pattern
            t["fillpattern"] = {"shape": shape, "fgcolor": color, "size": round(size, 2),
                                "fillmode": "overlay"}
        if a.kind != "3d":
            t["hoveron"] = "fills+points" if m.marker is not None else "fills"
    if m.error_x is not None and a.kind == "xy":
        t["error_x"] = _error(m.error_x)
    if m.error_y is not None and a.kind == "xy":
        t["error_y"] = _error(m.error_y)
    if not m.hover:
        t["hoverinfo"] = "skip"
    elif m.raw is not None and a.kind == "xy":
        t["customdata"] = m.raw
        t["hovertemplate"] = "(%{customdata[0]:.6g}, %{customdata[1]:.6g})<extra>%{fullData.name}</extra>"
    if m.opacity != 1.0:
        t["opacity"] = m.opacity
    return t


_SYMBOLS_3D = {"circle", "square", "diamond", "cross", "x", "triangle"}


def _bar(m: BarMark, a: AxesIR, refs: _Refs) -> dict[str, Any]:
    marker: dict[str, Any] = {"color": m.color,
                              "line": {"color": m.line_color, "width": m.line_width}}
    if m.pattern:
        marker["pattern"] = {"shape": m.pattern}
    if a.kind == "polar":
        return {"type": "barpolar", "theta": m.pos, "r": m.length, "base": m.base,
                "width": m.width, "marker": marker, "name": m.label or "",
                "showlegend": False, "subplot": refs.sub[a.index]}
    t: dict[str, Any] = {"type": "bar", "orientation": m.orientation, "base": m.base,
                         "width": m.width, "marker": marker, "name": m.label or "",
                         "showlegend": False, "xaxis": refs.xref(a.index),
                         "yaxis": refs.yref(a.index), "offset": None}
    if m.orientation == "v":
        t.update(x=m.pos, y=m.length)
    else:
        t.update(y=m.pos, x=m.length)
    t.pop("offset")
    return t


def _box(m: BoxMark, a: AxesIR, refs: _Refs) -> dict[str, Any]:
    pos, value = ("x", "y") if m.orientation == "v" else ("y", "x")
    return {"type": "box", "orientation": m.orientation, pos: [m.pos], "q1": [m.q1],
            "median": [m.median], "q3": [m.q3], "lowerfence": [m.lowerfence],
            "upperfence": [m.upperfence], "width": m.width, "whiskerwidth": m.cap_ratio,
            "fillcolor": m.fill, "line": {"color": m.line_color, "width": m.line_width},
            "boxpoints": False, "name": m.label or "", "showlegend": False,
            "xaxis": refs.xref(a.index), "yaxis": refs.yref(a.index)}


def _image(m: ImageMark, a: AxesIR, refs: _Refs) -> dict[str, Any]:
    axes = {"xaxis": refs.xref(a.index), "yaxis": refs.yref(a.index)}
    if m.kind == "image":
        return {"type": "image", "source": m.source_uri, "x0": m.x[0], "dx": m.x[1],
                "y0": m.y[0], "dy": m.y[1], "opacity": m.opacity, "name": m.label or "",
                "hoverinfo": "x+y", **axes}
    t: dict[str, Any] = {"type": "heatmap", "x": m.x, "y": m.y, "z": m.z,
                         "colorscale": m.colorscale, "zmin": m.zmin, "zmax": m.zmax,
                         "zauto": False, "showscale": m.colorbar is not None,
                         "zsmooth": "best" if m.smooth else False, "name": m.label or "",
                         "showlegend": False, **axes}
    if m.opacity != 1.0:
        t["opacity"] = m.opacity
    if m.colorbar is not None:
        t["colorbar"] = _colorbar(m.colorbar)
    if m.customdata is not None:
        t["customdata"] = m.customdata
        t["hovertemplate"] = "x: %{x}<br>y: %{y}<br>z: %{customdata}<extra></extra>"
    return t


def _pie(m: PieMark, a: AxesIR) -> dict[str, Any]:
    x0, x1, y0, y1 = m.domain or a.domain
    return {"type": "pie", "values": m.values, "labels": m.labels, "sort": False,
            "direction": m.direction, "rotation": m.rotation, "pull": m.pull,
            "hole": m.hole, "textinfo": "none", "showlegend": False, "hoverinfo": "label+percent",
            "marker": {"colors": m.colors, "line": {"color": m.line_color,
                                                    "width": m.line_width}},
            "domain": {"x": [x0, x1], "y": [y0, y1]}}


def _mesh(m: MeshMark, a: AxesIR, refs: _Refs) -> dict[str, Any]:
    return {"type": "mesh3d", "x": m.x, "y": m.y, "z": m.z, "i": m.i, "j": m.j, "k": m.k,
            "facecolor": m.facecolor, "opacity": m.opacity, "flatshading": True,
            "name": m.label or "", "showlegend": False, "scene": refs.sub[a.index],
            "lighting": {"ambient": 0.9, "diffuse": 0.1, "specular": 0.0}}


def _ref(coord: str, axis_ref: str | None) -> str:
    if coord == "figure" or axis_ref is None:
        return "paper"
    return axis_ref if coord == "data" else f"{axis_ref} domain"


def _annotation(t: TextMark, xref: str, yref: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": t.text, "x": t.x, "y": t.y, "xref": xref, "yref": yref, "showarrow": False,
        "font": {"size": round(t.size, 2), "color": t.color}, "xanchor": t.xanchor,
        "yanchor": t.yanchor,
    }
    if t.angle:
        out["textangle"] = -t.angle
    if t.bgcolor:
        out["bgcolor"] = t.bgcolor
    if t.xshift:
        out["xshift"] = round(t.xshift, 2)
    if t.yshift:
        out["yshift"] = round(t.yshift, 2)
    if t.arrow is not None:
        ar = t.arrow
        out.update(showarrow=True, ax=round(float(ar.x), 2), ay=round(float(ar.y), 2),
                   axref="pixel", ayref="pixel", arrowcolor=ar.color,
                   arrowwidth=max(0.1, round(ar.width, 2)), arrowhead=ar.head,
                   xanchor="auto", yanchor="auto")
    return out


def _shape(p: PathMark, xref: str, yref: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "path", "path": p.path, "xref": xref, "yref": yref,
                           "layer": p.layer, "line": _line(p.line)}
    if p.anchor is not None:
        out.update(xsizemode="pixel", ysizemode="pixel", xanchor=p.anchor[0],
                   yanchor=p.anchor[1])
    if p.fill:
        out.update(fillcolor=p.fill, fillrule="evenodd")
    return out


def _axis(ax: AxisIR, dom: tuple[float, float]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "domain": [round(dom[0], 6), round(dom[1], 6)], "automargin": True, "zeroline": False,
        "type": {"log": "log", "date": "date"}.get(ax.kind, "linear"),
        "showline": ax.showline, "mirror": ax.mirror, "linecolor": _BLACK,
        "linewidth": 0.8 * _PT, "ticks": "outside" if ax.visible and ax.tickmarks else "",
        "ticklen": 3.5 * _PT, "tickwidth": 0.8 * _PT, "tickcolor": _BLACK,
        "showgrid": ax.showgrid, "gridcolor": ax.gridcolor, "gridwidth": round(ax.gridwidth, 3),
        "tickfont": {"size": round(ax.tick_size, 2), "color": ax.tick_color},
        "showticklabels": ax.visible and ax.ticklabels,
    }
    if ax.range is not None:
        out["range"] = list(ax.range)
        out["autorange"] = False
    if ax.tickvals is not None:
        out.update(tickmode="array", tickvals=ax.tickvals, ticktext=ax.ticktext)
    if ax.tickangle:
        out["tickangle"] = ax.tickangle
    if ax.griddash != "solid" and ax.showgrid:
        out["griddash"] = ax.griddash
    if ax.minor_tickvals and (ax.minor_tickmarks or ax.minor_grid):
        out["minor"] = {"tickmode": "array", "tickvals": ax.minor_tickvals,
                        "ticks": "outside" if ax.minor_tickmarks else "",
                        "ticklen": 2 * _PT, "tickwidth": 0.6 * _PT,
                        "tickcolor": _BLACK, "showgrid": ax.minor_grid,
                        "gridcolor": "rgba(176,176,176,0.5)", "gridwidth": 0.6 * _PT}
    if ax.title:
        out["title"] = {"text": ax.title, "font": {"size": round(ax.title_size, 2),
                                                   "color": ax.title_color}}
    if ax.side:
        out["side"] = ax.side
    if not ax.visible and not ax.showline:
        out["visible"] = False
    return out


def _xy_layout(a: AxesIR, refs: _Refs, layout: dict[str, Any]) -> None:
    x0, x1, y0, y1 = a.domain
    xn, yn = refs.x[a.index], refs.y[a.index]
    xkey, ykey = ("xaxis" if xn == 1 else f"xaxis{xn}"), ("yaxis" if yn == 1 else f"yaxis{yn}")
    if a.index in refs.overlay_y:
        y = _axis(a.yaxis, (y0, y1))
        y.update(overlaying=_Refs.ref("y", refs.overlay_y[a.index]), anchor=refs.xref(a.index))
        y.pop("domain")
        y["side"] = a.yaxis.side if a.yaxis.side else "right"
        y["mirror"] = False
        layout[ykey] = y
        return
    if a.index in refs.overlay_x:
        x = _axis(a.xaxis, (x0, x1))
        x.update(overlaying=_Refs.ref("x", refs.overlay_x[a.index]), anchor=refs.yref(a.index))
        x.pop("domain")
        x["side"] = a.xaxis.side if a.xaxis.side else "top"
        x["mirror"] = False
        layout[xkey] = x
        return
    x = _axis(a.xaxis, (x0, x1))
    y = _axis(a.yaxis, (y0, y1))
    x["anchor"], y["anchor"] = refs.yref(a.index), refs.xref(a.index)
    if a.xaxis.matches is not None and a.xaxis.matches in refs.x:
        x["matches"] = refs.xref(a.xaxis.matches)
    if a.yaxis.matches is not None and a.yaxis.matches in refs.y:
        y["matches"] = refs.yref(a.yaxis.matches)
    if a.aspect is not None and a.xaxis.kind == a.yaxis.kind == "linear":
        y.update(scaleanchor=refs.xref(a.index), scaleratio=a.aspect, constrain="domain")
        x["constrain"] = "domain"
        ax_, ay_ = a.anchor
        if ax_ != 0.5:
            x["constraintoward"] = "left" if ax_ < 0.5 else "right"
        if ay_ != 0.5:
            y["constraintoward"] = "bottom" if ay_ < 0.5 else "top"
    layout[xkey], layout[ykey] = x, y


def _polar_layout(a: AxesIR, refs: _Refs, layout: dict[str, Any]) -> None:
    x0, x1, y0, y1 = a.domain
    p = dict(a.polar)
    p["domain"] = {"x": [x0, x1], "y": [y0, y1]}
    p["bgcolor"] = a.bgcolor
    layout[refs.sub[a.index]] = p


def _scene_layout(a: AxesIR, refs: _Refs, layout: dict[str, Any]) -> None:
    x0, x1, y0, y1 = a.domain

    def ax3(ax: AxisIR) -> dict[str, Any]:
        out: dict[str, Any] = {"title": {"text": ax.title}, "showgrid": True,
                               "gridcolor": "rgba(200,200,200,1)", "showbackground": True,
                               "backgroundcolor": "rgba(242,242,242,1)",
                               "type": "log" if ax.kind == "log" else "linear"}
        if ax.range is not None:
            out["range"] = list(ax.range)
        if ax.tickvals:
            out.update(tickmode="array", tickvals=ax.tickvals, ticktext=ax.ticktext)
        if not ax.visible:
            out.update(visible=False)
        return out

    scene: dict[str, Any] = {"domain": {"x": [x0, x1], "y": [y0, y1]},
                             "xaxis": ax3(a.xaxis), "yaxis": ax3(a.yaxis)}
    if a.zaxis is not None:
        scene["zaxis"] = ax3(a.zaxis)
    scene.update(a.polar)  # camera and aspect ratio for 3-D axes
    layout[refs.sub[a.index]] = scene


def _legend_traces(leg: LegendIR, name: str, k: int, owner: AxesIR | None,
                   refs: _Refs) -> list[dict[str, Any]]:
    out = []
    for n, e in enumerate(leg.entries):
        modes = []
        t: dict[str, Any] = {"name": e.label, "showlegend": True, "legend": name,
                             "legendgroup": f"{name}:{e.key}", "legendrank": 1000 * k + n,
                             "hoverinfo": "skip"}
        if e.line is not None:
            modes.append("lines")
            t["line"] = _line(e.line)
        if e.marker is not None:
            modes.append("markers")
            t["marker"] = _marker(e.marker)
        t["mode"] = "+".join(modes) or "markers"
        if owner is not None and owner.kind == "polar":
            t.update(type="scatterpolar", r=[None], theta=[None], subplot=refs.sub[owner.index])
        elif owner is not None and owner.kind == "3d":
            t.update(type="scatter3d", x=[None], y=[None], z=[None], scene=refs.sub[owner.index])
            t.get("marker", {}).pop("line", None)
            if "marker" in t:
                t["marker"]["symbol"] = "square" if e.kind == "patch" else "circle"
        else:
            t.update(type="scatter", x=[None], y=[None])
            if owner is not None and owner.kind == "xy":
                t.update(xaxis=refs.xref(owner.index), yaxis=refs.yref(owner.index))
        out.append(t)
    return out


def write(ir: FigureIR) -> dict[str, Any]:
    """The Plotly figure dict (``data``, ``layout``) for ``ir``."""
    refs = _Refs(ir)
    data: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    layout: dict[str, Any] = {
        "width": round(ir.width), "height": round(ir.height), "autosize": False,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        "paper_bgcolor": ir.bgcolor, "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": _FONT, "color": _BLACK, "size": round(10 * _PT, 2)},
        "hovermode": "closest", "barmode": "overlay", "showlegend": bool(ir.legends),
        "template": {"data": {}, "layout": {}},
    }
    by_index = {a.index: a for a in ir.axes}
    for a in ir.axes:
        xr = refs.xref(a.index) if a.kind == "xy" else None
        yr = refs.yref(a.index) if a.kind == "xy" else None
        if a.kind == "xy":
            _xy_layout(a, refs, layout)
            if a.bgcolor != "rgba(0,0,0,0)" and a.index not in refs.overlay_y \
                    and a.index not in refs.overlay_x:
                shapes.append({"type": "rect", "xref": f"{xr} domain", "yref": f"{yr} domain",
                               "x0": 0, "x1": 1, "y0": 0, "y1": 1, "layer": "below",
                               "line": {"width": 0}, "fillcolor": a.bgcolor})
        elif a.kind == "polar":
            _polar_layout(a, refs, layout)
        elif a.kind == "3d":
            _scene_layout(a, refs, layout)
        for t in a.titles:
            annotations.append(_annotation(t, "paper", "paper"))
        for m in a.marks:
            if isinstance(m, LineMark):
                data.append(_scatter(m, a, refs))
            elif isinstance(m, BarMark):
                data.append(_bar(m, a, refs))
            elif isinstance(m, BoxMark) and a.kind == "xy":
                data.append(_box(m, a, refs))
            elif isinstance(m, ImageMark) and a.kind == "xy":
                data.append(_image(m, a, refs))
            elif isinstance(m, PieMark):
                data.append(_pie(m, a))
            elif isinstance(m, MeshMark):
                data.append(_mesh(m, a, refs))
            elif isinstance(m, TextMark) and m.z is not None and a.kind == "3d":
                note = _annotation(m, "", "")
                for k in ("xref", "yref"):
                    note.pop(k)
                note["z"] = m.z
                layout[refs.sub[a.index]].setdefault("annotations", []).append(note)
            elif isinstance(m, TextMark):
                annotations.append(_annotation(m, _ref(m.xcoord, xr), _ref(m.ycoord, yr)))
            elif isinstance(m, PathMark):
                shapes.append(_shape(m, _ref(m.xcoord, xr), _ref(m.ycoord, yr)))
    for t in ir.texts:
        annotations.append(_annotation(t, "paper", "paper"))
    for p in ir.shapes:
        shapes.append(_shape(p, "paper", "paper"))
    if ir.images:
        layout["images"] = [
            {"source": im.source_uri, "xref": "paper", "yref": "paper", "x": im.x, "y": im.y,
             "sizex": im.sizex, "sizey": im.sizey, "xanchor": "left", "yanchor": "top",
             "sizing": "stretch", "layer": im.layer, "opacity": im.opacity}
            for im in ir.images]
    for k, leg in enumerate(ir.legends):
        name = "legend" if k == 0 else f"legend{k + 1}"
        owner = by_index.get(leg.axes) if leg.axes is not None else next(
            (a for a in ir.axes if a.kind == "xy"), None)
        layout[name] = {
            "x": leg.x, "y": leg.y, "xanchor": leg.xanchor, "yanchor": leg.yanchor,
            "xref": "paper", "yref": "paper", "font": {"size": round(leg.font_size, 2)},
            "bgcolor": "rgba(255,255,255,0.8)" if leg.frame else "rgba(0,0,0,0)",
            "bordercolor": "rgba(204,204,204,1)" if leg.frame else "rgba(0,0,0,0)",
            "borderwidth": 1 if leg.frame else 0, "traceorder": "normal",
        }
        if leg.columns > 1:
            # Plotly wraps a horizontal legend at the plot's width, not at a column count
            layout[name]["orientation"] = "h"
        if leg.title:
            layout[name]["title"] = {"text": leg.title}
        labels = {e.key for e in leg.entries}
        scope = [by_index[leg.axes]] if leg.axes is not None and leg.axes in by_index else None
        _group(data, labels, name, scope, ir, refs)
        data.extend(_legend_traces(leg, name, k, owner, refs))
    for key in ("xaxis", "yaxis"):
        # no cartesian axes (figimage or text alone): Plotly would draw default ones
        layout.setdefault(key, {"visible": False})
    if annotations:
        _log_positions(annotations, layout)
        layout["annotations"] = annotations
    if shapes:
        layout["shapes"] = shapes
    return {"data": data, "layout": layout}


def _log_positions(annotations: list[dict[str, Any]], layout: dict[str, Any]) -> None:
    """Plotly places annotations on a log axis by the log10 of the position (traces and
    shapes take the value itself), so data positions on log axes are converted here."""
    for a in annotations:
        for dim in ("x", "y"):
            ref = a.get(f"{dim}ref", "paper")
            if ref == "paper" or ref.endswith("domain"):
                continue
            axis = layout.get(ref[0] + "axis" + ref[1:], {})
            v = a.get(dim)
            if axis.get("type") == "log" and isinstance(v, (int, float)):
                a[dim] = math.log10(v) if v > 0 else None


def _group(data: list[dict[str, Any]], labels: set[str], name: str,
           scope: list[AxesIR] | None, ir: FigureIR, refs: _Refs) -> None:
    """Put every trace whose name is a legend label into that entry's legendgroup."""
    allowed = None
    if scope is not None:
        a = scope[0]
        if a.kind == "xy":
            allowed = {("x", refs.xref(a.index)), ("y", refs.yref(a.index))}
            # twins share the legend of the axes they overlay in matplotlib only by
            # explicit handles; match on the x axis so twinx data joins the group
            allowed = {refs.xref(a.index)}
    for t in data:
        if t.get("legendgroup") or t.get("name") not in labels:
            continue
        if allowed is not None and t.get("xaxis") not in allowed:
            continue
        t["legendgroup"] = f"{name}:{t['name']}"
        t["legend"] = name
