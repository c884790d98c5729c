/* figlog viewer: the run page (panels, tables, scalar charts, refresh).
 *
 * The same code drives the live viewer (data fetched from the local server) and an exported
 * report (data embedded in the page): panels only talk to a "source" (common.js).
 */
(function () {
  "use strict";
  const FL = (window.FL = window.FL || {});
  const IFRAME_SANDBOX = "allow-scripts";
  const { PAGE_ROWS, el, fmt, duration, safeName, downloadBlob, downloadURL, serverSource,
    embeddedSource, loadVega, loadPlotly, loadLibrary } = window.FLCommon;

  // ------------------------------------------------------------------ iframes
  // Sandboxed documents report their height; only the frame that sent a message is resized.
  window.addEventListener("message", (e) => {
    const h = e.data && e.data.figlogHeight;
    if (typeof h !== "number" || !(h > 0)) return;
    for (const f of document.querySelectorAll("iframe.logged-html")) {
      if (f.contentWindow === e.source) {
        const max = Number(f.dataset.maxHeight || 1600);
        f.style.height = Math.min(Math.max(h, 40), max) + "px";
      }
    }
  });
  function htmlFrame(src, path, maxHeight) {
    const f = el("iframe", { class: "logged-html", sandbox: IFRAME_SANDBOX, loading: "lazy",
      referrerpolicy: "no-referrer", title: "logged HTML" });
    f.dataset.maxHeight = maxHeight || 1600;
    src.frame(f, path);
    return f;
  }

  // ------------------------------------------------------------------ renderers
  const PLOT_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  function plotlyLayout(layout, compact) {
    const l = Object.assign({}, layout || {});
    l.autosize = true;
    delete l.width;
    if (compact) { l.height = l.height ? Math.min(l.height, 300) : 260; l.margin = Object.assign({ l: 40, r: 10, t: 30, b: 30 }, l.margin || {}); }
    else if (!l.height) l.height = 360;
    return l;
  }

  async function renderItem(box, item, ctx) {
    // ctx: {src, compact, panel (optional; gets badges and downloads), name}
    const { src } = ctx;
    box.replaceChildren();
    const dl = ctx.downloads || [];
    switch (item.type) {
      case "image": {
        const img = el("img", { class: "media-image", src: src.fileURL(item.file), alt: item.caption || ctx.name || "image",
          width: item.width || null, height: item.height || null, loading: "lazy" });
        if (item.width && item.width < 256) img.classList.add("small");
        box.append(el("figure", {}, img, item.caption ? el("figcaption", { text: item.caption }) : null));
        dl.push(["image", () => src.download(item.file, ctx.name + "." + item.file.split(".").pop())]);
        return img;
      }
      case "plotly": {
        const wrap = el("div", { class: "plotly-wrap" });
        const div = el("div", { class: "plotly-box" });
        wrap.append(div);
        box.append(wrap);
        const [fig] = await Promise.all([src.json(item.file), loadPlotly()]);
        await Plotly.newPlot(div, fig.data || [], plotlyLayout(fig.layout, ctx.compact), PLOT_CONFIG);
        if (item.png) {
          const img = el("img", { class: "media-image png-render", src: src.fileURL(item.png), alt: "exact PNG rendering", hidden: true });
          wrap.append(img);
          const toggle = el("button", { class: "toggle-png", title: "Switch between the interactive conversion and the exact PNG rendering", text: "PNG" });
          toggle.addEventListener("click", () => {
            const png = img.hidden;
            img.hidden = !png; div.hidden = png;
            toggle.textContent = png ? "interactive" : "PNG";
            if (!png) Plotly.Plots.resize(div);
          });
          (ctx.badges || wrap).append(toggle);
          dl.push(["PNG (exact)", () => src.download(item.png, ctx.name + "_exact.png")]);
        }
        if (!item.complete) (ctx.badges || wrap).append(reportBadge(item, src, wrap));
        dl.push(["PNG", () => Plotly.downloadImage(div, { format: "png", filename: ctx.name })]);
        dl.push(["SVG", () => Plotly.downloadImage(div, { format: "svg", filename: ctx.name })]);
        dl.push(["Plotly JSON", () => src.download(item.file, ctx.name + ".json")]);
        return div;
      }
      case "chart": {
        const div = el("div", { class: "vega-box" });
        box.append(div);
        await loadVega();
        const res = await vegaEmbed(div, item.spec, { actions: false, renderer: "svg" });
        dl.push(["PNG", async () => downloadURL(await res.view.toImageURL("png", 2), ctx.name + ".png")]);
        dl.push(["SVG", async () => downloadURL(await res.view.toImageURL("svg"), ctx.name + ".svg")]);
        dl.push(["Vega-Lite spec", () => downloadBlob(JSON.stringify(item.spec, null, 2), "application/json", ctx.name + ".vl.json")]);
        if (item.table) dl.push(["CSV", () => src.tableCSV(item.table, ctx.name)]);
        return div;
      }
      case "html": {
        const f = htmlFrame(src, item.file, ctx.compact ? 400 : 1600);
        if (ctx.compact) f.classList.add("cell-frame");
        box.append(f);
        dl.push(["HTML", () => src.download(item.file, ctx.name + ".html")]);
        return f;
      }
      case "table": {
        const t = new TableView(src, item, ctx.name);
        box.append(t.root);
        await t.load();
        dl.push(["CSV", () => src.tableCSV(item, ctx.name)]);
        dl.push(["Parquet", () => src.download(item.file, ctx.name + ".parquet")]);
        return t.root;
      }
      case "text": {
        box.append(el("pre", { class: "text-value", text: item.text }));
        dl.push(["text", () => downloadBlob(item.text, "text/plain", ctx.name + ".txt")]);
        return null;
      }
      default:
        box.append(el("div", { class: "error", text: item.text || "cannot show this value" }));
        return null;
    }
  }

  function reportBadge(item, src, wrap) {
    const badge = el("button", { class: "badge approx", title: "Some artists were approximated or skipped in the interactive version; click for the conversion report", text: "approximate" });
    let shown = null;
    badge.addEventListener("click", async () => {
      if (shown) { shown.remove(); shown = null; return; }
      shown = el("div", { class: "report" }, "loading report…");
      wrap.prepend(shown);
      try {
        const rep = item.report ? await src.json(item.report) : { complete: false };
        shown.replaceChildren(el("pre", { text: JSON.stringify(rep, null, 2) }));
      } catch (e) { shown.textContent = "report unavailable: " + e.message; }
    });
    return badge;
  }

  // ------------------------------------------------------------------ tables
  class TableView {
    constructor(src, item, name) {
      this.src = src; this.item = item; this.name = name;
      this.state = { offset: 0, sort: null, desc: false, fcol: "", q: "" };
      this.root = el("div", { class: "table-view" });
      const cols = item.columns.map((c, i) => el("option", { value: c, text: c + (item.types[i] === "media" ? "" : "") }));
      this.fcol = el("select", { "aria-label": "Filter column" }, el("option", { value: "", text: "filter column…" }), ...cols);
      this.q = el("input", { type: "search", placeholder: "contains / >0.5", "aria-label": "Filter value" });
      this.info = el("span", { class: "meta" });
      this.prev = el("button", { text: "‹ prev", onclick: () => this.go(this.state.offset - PAGE_ROWS) });
      this.next = el("button", { text: "next ›", onclick: () => this.go(this.state.offset + PAGE_ROWS) });
      this.err = el("span", { class: "error" });
      let timer = null;
      const onFilter = () => { clearTimeout(timer); timer = setTimeout(() => { this.state.fcol = this.fcol.value; this.state.q = this.q.value; this.go(0); }, 250); };
      this.q.addEventListener("input", onFilter);
      this.fcol.addEventListener("change", onFilter);
      this.table = el("table", { class: "data" });
      this.root.append(el("div", { class: "table-tools" }, this.fcol, this.q, this.prev, this.next, this.info, this.err),
        el("div", { class: "table-scroll" }, this.table));
    }
    go(offset) { this.state.offset = Math.max(0, offset); return this.load(); }
    async load() {
      const s = this.state;
      let page;
      try {
        page = await this.src.tablePage(this.item, { offset: s.offset, limit: PAGE_ROWS, sort: s.sort, desc: s.desc ? "1" : "", fcol: s.q ? s.fcol : "", q: s.fcol ? s.q : "" });
      } catch (e) { this.err.textContent = e.message; return; }
      this.err.textContent = "";
      this.page = page;
      const head = el("tr", {}, el("th", { class: "rowno", text: "#" }));
      page.columns.forEach((c, i) => {
        const sortable = page.types[i] !== "media";
        const mark = s.sort === c ? (s.desc ? " ▼" : " ▲") : "";
        const th = el("th", { text: c + mark, class: sortable ? "sortable" : null, title: sortable ? "sort" : null, "data-col": c });
        if (sortable) th.addEventListener("click", () => { if (s.sort === c) { if (s.desc) { s.sort = null; s.desc = false; } else s.desc = true; } else { s.sort = c; s.desc = false; } this.go(0); });
        head.append(th);
      });
      const body = el("tbody");
      const pending = [];
      page.rows.forEach((row, r) => {
        const rowIndex = page.index ? page.index[r] : page.offset + r;
        const tr = el("tr", {}, el("td", { class: "rowno", text: String(rowIndex) }));
        row.forEach((cell, i) => {
          const td = el("td", { class: page.types[i] === "int" || page.types[i] === "float" ? "num" : null });
          if (cell && typeof cell === "object") {
            const box = el("div", { class: "cell-media" });
            td.append(box);
            pending.push(() => renderItem(box, cell, { src: this.src, compact: true, name: safeName(this.name + "_" + page.columns[i] + "_" + rowIndex) }).catch((e) => { box.textContent = e.message; }));
          } else td.textContent = fmt(cell);
          tr.append(td);
        });
        body.append(tr);
      });
      this.table.replaceChildren(el("thead", {}, head), body);
      const end = Math.min(page.offset + PAGE_ROWS, page.total);
      this.info.textContent = page.total ? `rows ${page.offset + 1}–${end} of ${page.total.toLocaleString()}` + (page.total !== page.nrows ? ` (filtered from ${page.nrows.toLocaleString()})` : "") + (page.truncated ? ` · export holds the first ${page.truncated.toLocaleString()}` : "") : "no rows";
      this.prev.disabled = page.offset <= 0;
      this.next.disabled = end >= page.total;
      await Promise.all(pending.map((f) => f()));
    }
  }

  // ------------------------------------------------------------------ scalar charts
  function smooth(values, w) {
    if (!w) return values;
    // Debiased exponential moving average (as TensorBoard/W&B): the first points are not
    // pulled towards zero.
    let last = 0, n = 0;
    return values.map((v) => {
      if (v === null || !Number.isFinite(v)) return null;
      last = last * w + (1 - w) * v; n++;
      return last / (1 - Math.pow(w, n));
    });
  }
  function scalarSeries(series, name, color, opts) {
    const x = opts.xaxis === "step" ? series.steps
      : opts.xaxis === "relative" ? series.times.map((t) => t - opts.t0[name])
      : series.times;
    const out = [];
    const w = Number(opts.smoothing);
    if (w > 0) out.push({ name: name + " (raw)", color, x, y: series.values, width: 1, opacity: 0.25, hoverSkip: true });
    out.push({ name, color, x, y: smooth(series.values, w) });
    return out;
  }

  // ------------------------------------------------------------------ panels
  class Panel {
    constructor(node, page) {
      this.node = node; this.page = page;
      this.key = node.dataset.key; this.kind = node.dataset.panel;
      this.body = node.querySelector(".body");
      this.badges = node.querySelector(".badges");
      this.dlBox = node.querySelector(".downloads");
      this.loaded = false;
      node.querySelector(".expand").addEventListener("click", () => this.expand());
    }
    get name() { return safeName(this.key); }
    expand() {
      this.node.classList.toggle("wide");
      if (window.Plotly) for (const d of this.node.querySelectorAll(".js-plotly-plot")) Plotly.Plots.resize(d);
      window.dispatchEvent(new Event("resize"));
    }
    setDownloads(list) {
      this.dlBox.replaceChildren();
      if (!list.length) return;
      const menu = el("details", { class: "dl-menu" }, el("summary", { title: "Download", text: "⇩" }));
      const ul = el("div", { class: "dl-list" });
      for (const [label, fn] of list) ul.append(el("button", { text: label, onclick: () => { menu.open = false; fn(); } }));
      menu.append(ul);
      this.dlBox.append(menu);
    }
    async load() {
      if (this.loaded) return;
      this.loaded = true;
      try {
        if (this.kind === "scalar") await this.loadScalar();
        else await this.loadStepped();
        this.node.classList.add("ready");
      } catch (e) {
        this.body.replaceChildren(el("div", { class: "error", text: String(e.message || e) }));
        this.node.classList.add("ready", "failed");
      }
      this.node.dataset.readyAt = Math.round(performance.now());
      this.page.done(this);
    }
    async loadScalar() {
      const runs = this.page.runs;
      this.series = {};
      await Promise.all(runs.map(async (r) => {
        try { this.series[r] = await this.page.src.scalars(r, this.key); } catch (e) { /* run without this key */ }
      }));
      this.drawScalar();
    }
    drawScalar() {
      const runs = this.page.runs;
      const opts = this.page.opts;
      let lines = [];
      const legend = [];
      runs.forEach((r, i) => {
        const s = this.series[r];
        if (!s) return;
        const name = runs.length > 1 ? this.page.names[r] : this.key;
        opts.t0[name] = s.times.length ? s.times[0] : 0;
        const color = PALETTE[i % PALETTE.length];
        lines = lines.concat(scalarSeries(s, name, color, opts));
        legend.push(el("span", { class: "fl-legend-item" }, el("i", { style: `background:${color}` }), name));
      });
      if (!this.plot) {
        this.legend = el("div", { class: "fl-legend" });
        this.plot = el("div", { class: "fl-chart-box" });
        this.body.replaceChildren(this.legend, this.plot);
        // Redraw at the new width when the panel is expanded or the window resized.
        // (Drawn in the next frame: drawing inside the callback can raise "ResizeObserver
        // loop completed with undelivered notifications".)
        if (window.ResizeObserver) new ResizeObserver(() => requestAnimationFrame(() => {
          const w = this.plot.clientWidth;
          if (w && Math.abs(w - this.drawnWidth) > 4 && this.series) this.drawScalar();
        })).observe(this.plot);
      }
      const thinned = runs.map((r) => this.series[r]).filter((x) => x && x.total);
      const note = thinned.length ? [el("span", { class: "meta", text: `showing ${thinned[0].steps.length.toLocaleString()} of ${thinned[0].total.toLocaleString()} points (extremes kept)` })] : [];
      this.legend.replaceChildren(...(runs.length > 1 ? legend : []), ...note);
      this.drawnWidth = this.plot.clientWidth;
      const svg = FLChart.drawLineChart(this.plot, lines, { height: 240, xmode: opts.xaxis,
        xlabel: { step: "step", relative: "time since start", wall: "wall time" }[opts.xaxis] });
      const name = this.name;
      this.setDownloads([
        ["PNG", async () => downloadBlob(await FLChart.svgToPNG(svg), "image/png", name + ".png")],
        ["SVG", () => downloadBlob(FLChart.svgText(svg), "image/svg+xml", name + ".svg")],
        ["CSV", async () => {
          const lines = ["run,step,value,timestamp"];
          for (const r of runs) {
            let s = this.series[r]; if (!s) continue;
            if (s.total) s = await this.page.src.fullScalars(r, this.key);  // every point
            s.steps.forEach((st, j) => lines.push([r, st, s.values[j] === null ? "" : s.values[j], s.times[j]].join(",")));
          }
          downloadBlob(lines.join("\n") + "\n", "text/csv", name + ".csv");
        }],
      ]);
    }
    async refreshScalar() {
      if (!this.loaded || this.kind !== "scalar") return;
      await this.loadScalar();
    }
    // Media and text keys: a slider over the steps; only the chosen step is fetched.
    async loadStepped() {
      const run = this.page.runs[0];
      const firstP = this.page.src.first(run, this.key);
      // Start the library this key needs now, not once its data is here (see loadScript).
      for (const lib of this.page.libs[this.key] || []) loadLibrary(lib).catch(() => null);
      const first = await firstP;
      this.steps = first.steps;
      this.stepper = el("div", { class: "stepper" });
      this.slider = el("input", { type: "range", min: 0, max: Math.max(0, this.steps.length - 1), value: this.steps.length - 1, "aria-label": "step" });
      this.stepLabel = el("span", { class: "meta step-label" });
      const toFirst = el("button", { title: "first step", text: "«", onclick: () => this.show(0) });
      const toLast = el("button", { title: "last step", text: "»", onclick: () => this.show(this.steps.length - 1) });
      let timer = null;
      this.slider.addEventListener("input", () => {
        this.updateLabel(Number(this.slider.value));
        clearTimeout(timer);
        timer = setTimeout(() => this.show(Number(this.slider.value)), 120);
      });
      this.stepper.append(toFirst, this.slider, toLast, this.stepLabel);
      this.stepper.hidden = this.steps.length < 2;
      this.content = el("div", { class: "content" });
      this.body.replaceChildren(this.content, this.stepper);
      await this.show(this.steps.length - 1, first.value);
    }
    updateLabel(i) { this.stepLabel.textContent = `step ${this.steps[i]} (${i + 1}/${this.steps.length})`; }
    async show(i, known) {
      i = Math.max(0, Math.min(i, this.steps.length - 1));
      this.index = i;
      this.slider.value = i;
      this.updateLabel(i);
      const token = (this.token = (this.token || 0) + 1);
      const payload = known || await this.page.src.value(this.page.runs[0], this.key, this.steps[i]);
      if (token !== this.token) return; // a later step was asked for meanwhile
      const items = payload.items;
      // Tables and Vega charts with a table want room: their panels start full width.
      if (!this.sized) { this.sized = true; if (items.some((it) => it.type === "table")) this.node.classList.add("wide"); }
      this.badges.replaceChildren();
      const downloads = [];
      const box = el("div", { class: items.length > 1 ? "media-list" : "media-one" });
      this.content.replaceChildren(box);
      await Promise.all(items.map((item, j) => {
        const cell = el("div", { class: "media-item" });
        box.append(cell);
        const name = this.name + "_step" + payload.step + (items.length > 1 ? "_" + j : "");
        return renderItem(cell, item, { src: this.page.src, compact: items.length > 1, badges: this.badges, downloads, name })
          .catch((e) => cell.replaceChildren(el("div", { class: "error", text: e.message })));
      }));
      this.setDownloads(downloads);
    }
    async refreshSteps() {
      if (!this.loaded || this.kind === "scalar" || !this.steps) return;
      const atEnd = this.index === this.steps.length - 1;
      const steps = await this.page.src.steps(this.page.runs[0], this.key);
      if (steps.length === this.steps.length) return;
      this.steps = steps;
      this.slider.max = steps.length - 1;
      this.stepper.hidden = steps.length < 2;
      if (atEnd) await this.show(steps.length - 1); else this.updateLabel(this.index);
    }
  }

  // ------------------------------------------------------------------ pages
  FL.initRun = function () {
    const cfg = JSON.parse(document.getElementById("figlog-page").textContent);
    const exported = document.getElementById("figlog-export");
    const src = exported ? embeddedSource(JSON.parse(exported.textContent)) : serverSource();
    const page = { src, runs: cfg.runs, names: cfg.names, libs: cfg.libs || {}, opts: { smoothing: 0, xaxis: "step", t0: {} }, panels: [], pending: 0, loadedCount: 0 };
    FL.page = page;
    const count = document.getElementById("panel-count");
    const progress = document.getElementById("progress");
    page.done = () => {
      page.loadedCount++;
      document.body.dataset.panelsLoaded = page.loadedCount;
      updateProgress();
    };
    function updateProgress() {
      const visible = page.panels.filter((p) => !p.node.hidden);
      const started = visible.filter((p) => p.loaded).length;
      const total = visible.length;
      count.textContent = `${total} panel${total === 1 ? "" : "s"}`;
      const busy = page.loadedCount < page.panels.filter((p) => p.loaded).length;
      progress.hidden = !busy;
      progress.querySelector(".bar").style.width = (started ? (100 * page.loadedCount) / Math.max(1, started) : 0) + "%";
    }
    const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) { observer.unobserve(e.target); e.target.__panel.load(); }
    }, { rootMargin: "300px 0px" }) : null;
    function addPanel(node, inView) {
      const p = new Panel(node, page);
      node.__panel = p;
      page.panels.push(p);
      if (observer && !inView) observer.observe(node); else p.load();
      return p;
    }
    // Panels in view (or within the observer's margin) at the start load now: the
    // observer's first report comes only after the page's first frame.
    const nodes = [...document.querySelectorAll(".panel")];
    const rects = nodes.map((n) => n.getBoundingClientRect());
    nodes.forEach((n, i) => addPanel(n, rects[i].top < innerHeight + 300 && rects[i].bottom > -300));
    updateProgress();

    // Filter panels by key: plain text matches case-insensitively; /re/ is a regular expression.
    const filter = document.getElementById("panel-filter");
    filter.addEventListener("input", () => {
      const q = filter.value.trim();
      let test = (k) => k.toLowerCase().includes(q.toLowerCase());
      const m = /^\/(.+)\/$/.exec(q);
      if (m) { try { const re = new RegExp(m[1], "i"); test = (k) => re.test(k); } catch (e) { /* incomplete pattern */ } }
      for (const p of page.panels) p.node.hidden = q !== "" && !test(p.key);
      for (const s of document.querySelectorAll("details.section")) s.hidden = !s.querySelector(".panel:not([hidden])");
      updateProgress();
    });
    const smoothing = document.getElementById("smoothing");
    const out = document.getElementById("smoothing-out");
    const xaxis = document.getElementById("xaxis");
    const redraw = () => {
      page.opts.smoothing = Number(smoothing.value); page.opts.xaxis = xaxis.value; out.textContent = smoothing.value;
      for (const p of page.panels) if (p.kind === "scalar" && p.series) p.drawScalar();
    };
    smoothing.addEventListener("input", redraw);
    xaxis.addEventListener("change", redraw);

    // A running run refreshes by itself: new keys get panels, charts and sliders follow.
    if (src.live && cfg.mode === "run" && cfg.runs.some((r) => cfg.status[r] === "running")) {
      const run = cfg.runs[0];
      let updated = cfg.updated[run];
      const known = new Set(cfg.keys.map((k) => k.key));
      const tick = async () => {
        let d;
        try { d = await src.run(run); } catch (e) { setTimeout(tick, 5000); return; }
        const badge = document.querySelector(`[data-run-status="${CSS.escape(run)}"]`);
        if (badge) { badge.textContent = d.info.status; badge.className = "status " + d.info.status; }
        const dur = document.querySelector(`[data-run-duration="${CSS.escape(run)}"]`);
        if (dur) dur.textContent = duration(d.info.duration);
        if (d.info.updated !== updated) {
          updated = d.info.updated;
          for (const k of d.keys) if (!known.has(k.key)) { known.add(k.key); addPanel(newPanelNode(k)); }
          await Promise.all(page.panels.map((p) => (p.kind === "scalar" ? p.refreshScalar() : p.refreshSteps()).catch(() => null)));
          document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
        }
        if (d.info.status === "running") setTimeout(tick, 2000);
      };
      setTimeout(tick, 2000);
    }
  };

  function newPanelNode(k) {
    const node = el("section", { class: "panel", "data-key": k.key, "data-kind": k.kind, "data-panel": k.panel },
      el("header", {}, el("span", { class: "title", title: k.key, text: k.key }), el("span", { class: "badges" }),
        el("span", { class: "tools" }, el("span", { class: "downloads" }), el("button", { class: "expand", title: "Expand to full width", text: "⤢" }))),
      el("div", { class: "body" }, el("div", { class: "placeholder", text: "…" })));
    let grid = document.querySelector('details.section[data-section="new"] .panels');
    if (!grid) {
      const sec = el("details", { class: "section", open: true, "data-section": "new" }, el("summary", { text: "New keys" }), el("div", { class: "panels" }));
      document.querySelector("main").append(sec);
      grid = sec.querySelector(".panels");
    }
    grid.append(node);
    return node;
  }
  // No inline script starts the page: the viewer's CSP allows scripts from 'self' only.
  if (document.body.dataset.page === "run") FL.initRun();
})();
