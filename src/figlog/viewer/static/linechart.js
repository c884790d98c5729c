/* figlog scalar charts: small SVG line charts, drawn in a millisecond or two each.
 *
 * A run page may hold hundreds of scalar keys; plotly.js would cost ~50 ms per chart plus a
 * second or more to load. These charts do one thing: lines over step or time, with gaps for
 * NaN, min/max thinning to the pixel width, a hover read-out and SVG/PNG export.
 */
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const M = { l: 52, r: 12, t: 10, b: 34 };

  function svgEl(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  // 1-2-5 steps, as d3's ticks: about `count` ticks covering [lo, hi].
  function ticks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  function fmt(v) {
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
    return String(Number(v.toPrecision(4)));
  }
  function fmtTime(t, mode) {
    if (mode === "wall") return new Date(t * 1000).toLocaleTimeString();
    if (t >= 3600) return (t / 3600).toFixed(1) + "h";
    if (t >= 60) return (t / 60).toFixed(1) + "m";
    return fmt(t) + "s";
  }

  // Keep the first, min, max and last point of each pixel column: the drawn line looks the
  // same as with every point, at a few thousand points at most.
  function thin(xs, ys, x0, x1, width) {
    const n = xs.length;
    if (n <= width * 4) return [xs, ys];
    const ox = [], oy = [];
    let col = -1, minI = -1, maxI = -1, firstI = -1, lastI = -1;
    const flush = () => {
      if (firstI < 0) return;
      const idx = [...new Set([firstI, minI, maxI, lastI])].sort((a, b) => a - b);
      for (const i of idx) { ox.push(xs[i]); oy.push(ys[i]); }
    };
    for (let i = 0; i < n; i++) {
      const y = ys[i];
      if (y === null) { flush(); firstI = -1; ox.push(xs[i]); oy.push(null); col = -1; continue; }
      const c = Math.floor(((xs[i] - x0) / (x1 - x0 || 1)) * width);
      if (c !== col) { flush(); col = c; firstI = minI = maxI = lastI = i; continue; }
      if (y < ys[minI]) minI = i;
      if (y > ys[maxI]) maxI = i;
      lastI = i;
    }
    flush();
    return [ox, oy];
  }

  /** Draw `series` ([{name, color, x: number[], y: (number|null)[], opacity?, width?}]) into
   * `box`; returns the <svg>. `opts`: {height, xmode: "step"|"relative"|"wall", xlabel}. */
  function drawLineChart(box, series, opts) {
    const width = Math.max(200, Math.floor(box.clientWidth || 400));
    const height = opts.height || 240;
    const W = width - M.l - M.r, H = height - M.t - M.b;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, points = 0;
    for (const s of series) {
      for (let i = 0; i < s.x.length; i++) {
        const x = s.x[i], y = s.y[i];
        if (x < x0) x0 = x; if (x > x1) x1 = x;
        if (y === null || !Number.isFinite(y)) continue;
        if (y < y0) y0 = y; if (y > y1) y1 = y;
      }
      points += s.x.length;
    }
    if (!Number.isFinite(x0)) { x0 = 0; x1 = 1; }
    if (!Number.isFinite(y0)) { y0 = 0; y1 = 1; }
    if (x1 === x0) { x0 -= 1; x1 += 1; }
    if (y1 === y0) { const d = Math.abs(y0) * 0.1 || 1; y0 -= d; y1 += d; }
    const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
    const sx = (x) => M.l + ((x - x0) / (x1 - x0)) * W;
    const sy = (y) => M.t + (1 - (y - y0) / (y1 - y0)) * H;

    const svg = svgEl("svg", { class: "fl-chart", width, height, viewBox: `0 0 ${width} ${height}`, "font-family": "system-ui, sans-serif", "font-size": "11" });
    svg.dataset.points = points;
    const grid = svgEl("g", { stroke: "#e6e9ef", "stroke-width": "1" });
    const labels = svgEl("g", { fill: "#5b6170" });
    for (const t of ticks(y0, y1, Math.max(2, Math.round(H / 36)))) {
      const y = sy(t);
      grid.append(svgEl("line", { x1: M.l, x2: M.l + W, y1: y, y2: y }));
      const tx = svgEl("text", { x: M.l - 6, y: y + 3.5, "text-anchor": "end" }); tx.textContent = fmt(t); labels.append(tx);
    }
    for (const t of ticks(x0, x1, Math.max(2, Math.round(W / 90)))) {
      const x = sx(t);
      grid.append(svgEl("line", { x1: x, x2: x, y1: M.t, y2: M.t + H }));
      const tx = svgEl("text", { x, y: M.t + H + 14, "text-anchor": "middle" });
      tx.textContent = opts.xmode === "step" ? fmt(t) : fmtTime(t, opts.xmode); labels.append(tx);
    }
    if (opts.xlabel) {
      const tx = svgEl("text", { x: M.l + W / 2, y: height - 4, "text-anchor": "middle", fill: "#5b6170" });
      tx.textContent = opts.xlabel; labels.append(tx);
    }
    svg.append(svgEl("rect", { x: 0, y: 0, width, height, fill: "#fff" }), grid, labels,
      svgEl("line", { x1: M.l, x2: M.l, y1: M.t, y2: M.t + H, stroke: "#9aa1ad" }),
      svgEl("line", { x1: M.l, x2: M.l + W, y1: M.t + H, y2: M.t + H, stroke: "#9aa1ad" }));
    const clip = "fl-clip-" + Math.random().toString(36).slice(2);
    const defs = svgEl("defs"); const cp = svgEl("clipPath", { id: clip });
    cp.append(svgEl("rect", { x: M.l, y: M.t, width: W, height: H })); defs.append(cp); svg.append(defs);
    const lines = svgEl("g", { "clip-path": `url(#${clip})`, fill: "none", "stroke-linejoin": "round", "stroke-linecap": "round" });
    for (const s of series) {
      const [xs, ys] = thin(s.x, s.y, x0, x1, W);
      let d = "", pen = false, single = [];
      for (let i = 0; i < xs.length; i++) {
        const y = ys[i];
        if (y === null || !Number.isFinite(y)) { pen = false; continue; }
        d += (pen ? "L" : "M") + sx(xs[i]).toFixed(1) + " " + sy(y).toFixed(1);
        if (!pen) single.push(i);
        pen = true;
      }
      const path = svgEl("path", { class: "line", d, stroke: s.color, "stroke-width": s.width || 2, opacity: s.opacity || 1 });
      path.dataset.name = s.name;
      lines.append(path);
      if (xs.length < 2) for (const i of single) lines.append(svgEl("circle", { cx: sx(xs[i]), cy: sy(ys[i]), r: 3, fill: s.color }));
    }
    svg.append(lines);

    // Hover: the nearest step of each series, read out in a tooltip.
    const cursor = svgEl("line", { y1: M.t, y2: M.t + H, stroke: "#9aa1ad", "stroke-dasharray": "3 3", visibility: "hidden" });
    const hit = svgEl("rect", { x: M.l, y: M.t, width: W, height: H, fill: "transparent" });
    svg.append(cursor, hit);
    box.replaceChildren(svg);
    const tip = document.createElement("div");
    tip.className = "fl-tip"; tip.hidden = true; box.append(tip);
    const shown = series.filter((s) => !s.hoverSkip);
    hit.addEventListener("mousemove", (e) => {
      const r = svg.getBoundingClientRect();
      const x = x0 + ((e.clientX - r.left - M.l) / W) * (x1 - x0);
      const rows = [];
      let at = null;
      for (const s of shown) {
        let lo = 0, hi = s.x.length - 1;
        if (hi < 0) continue;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (s.x[mid] < x) lo = mid + 1; else hi = mid; }
        if (lo > 0 && Math.abs(s.x[lo - 1] - x) < Math.abs(s.x[lo] - x)) lo--;
        if (at === null) at = s.x[lo];
        rows.push(`<div><i style="background:${s.color}"></i>${escapeHtml(s.name)}: <b>${s.y[lo] === null ? "NaN" : fmt(s.y[lo])}</b></div>`);
      }
      if (at === null) return;
      cursor.setAttribute("x1", sx(at)); cursor.setAttribute("x2", sx(at)); cursor.setAttribute("visibility", "visible");
      tip.innerHTML = `<div class="fl-tip-x">${opts.xmode === "step" ? "step " + at : fmtTime(at, opts.xmode)}</div>` + rows.join("");
      tip.hidden = false;
      const left = e.clientX - r.left + 12;
      tip.style.left = (left + tip.offsetWidth > width ? left - tip.offsetWidth - 24 : left) + "px";
      tip.style.top = Math.max(0, e.clientY - r.top - 10) + "px";
    });
    hit.addEventListener("mouseleave", () => { tip.hidden = true; cursor.setAttribute("visibility", "hidden"); });
    return svg;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function svgText(svg) {
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", NS);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + copy.outerHTML;
  }

  // PNG at twice the size, drawn from the SVG through a canvas.
  function svgToPNG(svg) {
    return new Promise((resolve, reject) => {
      const w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
      const img = new Image();
      const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
      img.onload = () => {
        const c = document.createElement("canvas");
        c.width = w * 2; c.height = h * 2;
        const g = c.getContext("2d"); g.scale(2, 2); g.drawImage(img, 0, 0);
        URL.revokeObjectURL(url);
        c.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png");
      };
      img.onerror = () => { URL.revokeObjectURL(url); reject(new Error("PNG export failed")); };
      img.src = url;
    });
  }

  window.FLChart = { drawLineChart, svgText, svgToPNG, ticks };
})();
