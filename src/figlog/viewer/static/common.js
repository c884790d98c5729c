/* figlog viewer, shared by every page: DOM and download helpers, the data sources (the
 * local server, or the data embedded in an exported report), and on-demand libraries.
 * Plain JavaScript, no build step, nothing loaded from outside the page.
 */
(function () {
  "use strict";
  const PAGE_ROWS = 50;

  // ------------------------------------------------------------------ helpers
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const enc = encodeURIComponent;
  function qs(obj) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
    return p.toString();
  }
  async function getJSON(url) {
    const r = await fetch(url, { credentials: "same-origin" });
    if (!r.ok) {
      let msg = r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }
  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
    return String(v);
  }
  function duration(seconds) {  // as pages._duration: 5s, 1m 05s, 1h 02m
    const s = Math.round(seconds), pad = (n) => String(n).padStart(2, "0");
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m " + pad(s % 60) + "s";
    return Math.floor(s / 3600) + "h " + pad(Math.floor((s % 3600) / 60)) + "m";
  }
  function safeName(s) { return String(s).replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "panel"; }
  function downloadBlob(data, type, name) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }
  function downloadURL(url, name) {
    const a = el("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
  }
  function b64ToBytes(b64) {
    const bin = atob(b64); const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // ------------------------------------------------------------------ sources
  // Panels that scroll into view together ask together: one request per run for up to 40
  // keys instead of one each (a browser opens only six connections to a host).
  function batched(fetchMany, size = 40) {
    const queues = new Map();
    return (run, key) => new Promise((resolve, reject) => {
      if (!queues.has(run)) {
        queues.set(run, []);
        setTimeout(() => {
          const q = queues.get(run);
          queues.delete(run);
          for (let i = 0; i < q.length; i += size) {
            const part = q.slice(i, i + size);
            fetchMany(run, [...new Set(part.map((p) => p.key))]).then((res) => {
              for (const p of part) {
                if (res[p.key] !== undefined) p.resolve(res[p.key]);
                else p.reject(new Error(`no ${p.key} in run ${run}`));
              }
            }, (e) => part.forEach((p) => p.reject(e)));
          }
        }, 0);
      }
      queues.get(run).push({ key, resolve, reject });
    });
  }
  function keysQuery(keys) {
    const p = new URLSearchParams();
    for (const k of keys) p.append("key", k);
    return p.toString();
  }

  function serverSource() {
    return {
      live: true,
      run: (run) => getJSON(`/api/runs/${enc(run)}`),
      scalars: batched((run, keys) => getJSON(`/api/runs/${enc(run)}/scalars?` + keysQuery(keys)).then((d) => d.series)),
      fullScalars: (run, key) => getJSON(`/api/runs/${enc(run)}/scalars?` + qs({ key, full: 1 })).then((d) => d.series[key]),
      // the steps of a media key and its value at the last step, in one go
      first: batched((run, keys) => trackFirst(getJSON(`/api/runs/${enc(run)}/first?` + keysQuery(keys)).then((d) => d.panels))),
      steps: (run, key) => getJSON(`/api/runs/${enc(run)}/steps?` + qs({ key })).then((d) => d.steps),
      value: (run, key, step) => getJSON(`/api/runs/${enc(run)}/value?` + qs({ key, step })),
      fileURL: (path) => "/files/" + path,
      json: (path) => getJSON("/files/" + path),
      frame: (iframe, path) => { iframe.src = "/html/" + path; },
      tablePage: (t, o) => getJSON(`/api/table/${t.file}?` + qs(o)),
      download: (path, name) => downloadURL(`/files/${path}?` + qs({ name }), name),
      tableCSV: (t, name) => downloadURL(`/download/csv/${t.file}?` + qs({ name }), name + ".csv"),
    };
  }

  // An exported report: everything is in the page; binary files are base64, text as is.
  function embeddedSource(data) {
    const urls = {};
    const file = (p) => {
      const f = data.files[p];
      if (!f) throw new Error("not included in this export: " + p);
      return f;
    };
    const fileURL = (p) => {
      if (!urls[p]) {
        const f = file(p);
        const bytes = f.b64 !== undefined ? b64ToBytes(f.b64) : new TextEncoder().encode(f.text);
        urls[p] = URL.createObjectURL(new Blob([bytes], { type: f.type || "application/octet-stream" }));
      }
      return urls[p];
    };
    const resolved = (v) => Promise.resolve(v);
    return {
      live: false,
      run: () => resolved(null),
      scalars: (run, key) => resolved(data.scalars[key]),
      fullScalars: (run, key) => resolved(data.scalars[key]),
      first: (run, key) => {
        const steps = data.steps[key];
        return resolved({ steps, value: (data.values[key] || {})[steps[steps.length - 1]] });
      },
      steps: (run, key) => resolved(data.steps[key]),
      value: (run, key, step) => {
        const vals = data.values[key] || {};
        const s = step === null || step === undefined ? data.steps[key][data.steps[key].length - 1] : step;
        return vals[s] ? resolved(vals[s]) : Promise.reject(new Error("step " + s + " not included in this export"));
      },
      fileURL,
      json: (p) => resolved(JSON.parse(file(p).text)),
      frame: (iframe, p) => { iframe.srcdoc = expandBundles(file(p).text, data.bundles || {}); },
      tablePage: (t, o) => resolved(localTablePage(data.tables[t.file], o)),
      download: (p, name) => downloadURL(fileURL(p), name),
      tableCSV: (t, name) => {
        const tb = data.tables[t.file];
        const esc = (v) => { const s = v === null || v === undefined ? "" : typeof v === "object" ? (v.file || v.text || "") : String(v); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
        const lines = [tb.columns.map(esc).join(",")].concat(tb.rows.map((r) => r.map(esc).join(",")));
        downloadBlob(lines.join("\n") + "\n", "text/csv", name + ".csv");
      },
    };
  }
  // Bundles (plotly.js, bokeh, ...) shared by several HTML documents are stored once in the
  // export and put back into each document where its placeholder stands.
  function expandBundles(text, bundles) {
    return text.replace(/\/\*figlog-export-bundle:([A-Za-z0-9_.\/-]+)\*\//g, (m, key) =>
      bundles[key] !== undefined ? bundles[key] : m);
  }
  function localTablePage(tb, o) {
    let idx = tb.rows.map((_, i) => i);
    const ci = (name) => tb.columns.indexOf(name);
    if (o.fcol && o.q) {
      const c = ci(o.fcol), q = String(o.q).trim(), t = tb.types[c];
      const m = /^(<=|>=|!=|==|=|<|>)?\s*(.+)$/.exec(q);
      idx = idx.filter((i) => {
        const v = tb.rows[i][c];
        if (t === "int" || t === "float") {
          const x = Number(m[2]), op = m[1] || "=";
          if (v === null || Number.isNaN(x)) return false;
          return { "<": v < x, "<=": v <= x, ">": v > x, ">=": v >= x, "=": v === x, "==": v === x, "!=": v !== x }[op];
        }
        return v !== null && String(typeof v === "object" ? v.file : v).toLowerCase().includes(q.toLowerCase());
      });
    }
    if (o.sort) {
      const c = ci(o.sort), dir = o.desc === "1" ? -1 : 1;
      idx.sort((a, b) => {
        const x = tb.rows[a][c], y = tb.rows[b][c];
        if (x === y) return a - b;
        if (x === null) return 1; if (y === null) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    }
    const off = Number(o.offset || 0), lim = Number(o.limit || PAGE_ROWS);
    return { columns: tb.columns, types: tb.types, total: idx.length, nrows: tb.nrows, offset: off,
      rows: idx.slice(off, off + lim).map((i) => tb.rows[i]), index: idx.slice(off, off + lim), truncated: tb.truncated };
  }

  // plotly.js and Vega are evaluated when the first panel that needs them starts loading
  // (scalar charts, images and HTML need neither; an export inlines them up front). A run
  // page whose keys need them has already fetched them (<link rel="preload">, in parallel
  // with everything else), and a panel whose key is known to need one asks for it at once.
  // Evaluating plotly.js blocks the page for a few hundred milliseconds to over a second,
  // so it starts as soon as the panels' first data requests (media keys' steps and values)
  // have been answered and handled: by then the requests those answers lead to (Plotly
  // figures, images, HTML frames) are out, and the server and network work on them while
  // the library evaluates; scalar series still on their way are drawn after it.
  const loading = {};
  let firstInflight = 0;
  let firstSettled = [];
  function trackFirst(promise) {
    firstInflight++;
    const done = () => setTimeout(() => {  // after the answers' handlers have run
      if (--firstInflight === 0) { const w = firstSettled; firstSettled = []; w.forEach((f) => f()); }
    }, 0);
    promise.then(done, done);
    return promise;
  }
  function firstAnswered(maxWait) {
    // One macrotask first: batched() sends the requests of panels that start together
    // from a zero timeout.
    return new Promise((r) => setTimeout(r, 0)).then(() => new Promise((resolve) => {
      if (firstInflight === 0) return resolve();
      firstSettled.push(resolve);
      setTimeout(resolve, maxWait);
    }));
  }
  function loadScript(name, global) {
    if (window[global]) return Promise.resolve();
    if (!loading[name]) {
      loading[name] = firstAnswered(1000).then(() => new Promise((resolve, reject) => {
        const v = document.body.dataset.libraryVersion;
        const s = el("script", { src: "/static/" + name + (v ? "?v=" + v : "") });
        s.onload = resolve;
        s.onerror = () => reject(new Error("could not load " + name));
        document.head.append(s);
      }));
    }
    return loading[name];
  }
  const loadVega = () => loadScript("vega.js", "vegaEmbed");
  const loadPlotly = () => loadScript("plotly.min.js", "Plotly");
  const loadLibrary = (lib) => (lib === "plotly" ? loadPlotly() : lib === "vega" ? loadVega() : Promise.resolve());

  window.FLCommon = { PAGE_ROWS, el, enc, qs, getJSON, fmt, duration, safeName, downloadBlob,
    downloadURL, serverSource, embeddedSource, loadVega, loadPlotly, loadLibrary };
})();
