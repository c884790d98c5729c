/* figlog viewer: the projects and runs pages. */
(function () {
  "use strict";
  const FL = (window.FL = window.FL || {});
  const { enc } = window.FLCommon;

  // Runs of a project: sortable columns, filter by name/config, pick runs to compare.
  FL.initRuns = function () {
    const table = document.getElementById("runs-table");
    const filter = document.getElementById("run-filter");
    const btn = document.getElementById("compare-btn");
    const picked = new Set();
    const apply = () => {
      const terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const tr of table.tBodies[0].rows) {
        const text = (tr.dataset.filter || "").toLowerCase();
        tr.hidden = !terms.every((t) => text.includes(t));
      }
    };
    const wire = () => {
      for (const cb of table.querySelectorAll("input.pick")) {
        cb.checked = picked.has(cb.value);
        cb.addEventListener("change", () => { if (cb.checked) picked.add(cb.value); else picked.delete(cb.value); btn.disabled = picked.size < 1; });
      }
      apply();
    };
    filter.addEventListener("input", apply);
    document.getElementById("select-all").addEventListener("change", (e) => {
      for (const tr of table.tBodies[0].rows) if (!tr.hidden) { const cb = tr.querySelector("input.pick"); cb.checked = e.target.checked; if (cb.checked) picked.add(cb.value); else picked.delete(cb.value); }
      btn.disabled = picked.size < 1;
    });
    btn.addEventListener("click", () => {
      const ids = [...picked];
      location.href = ids.length === 1 ? "/r/" + enc(ids[0]) : "/compare?runs=" + ids.map(enc).join(",");
    });
    let sortCol = null, sortDesc = false;
    const sortBy = (i, type) => {
      sortDesc = sortCol === i ? !sortDesc : false; sortCol = i;
      const rows = [...table.tBodies[0].rows];
      const val = (tr) => { const v = tr.cells[i].dataset.sort ?? tr.cells[i].textContent; return type === "num" ? (v === "" ? NaN : Number(v)) : v.toLowerCase(); };
      rows.sort((a, b) => {
        const x = val(a), y = val(b);
        if (type === "num") { if (Number.isNaN(x)) return 1; if (Number.isNaN(y)) return -1; }
        return (x < y ? -1 : x > y ? 1 : 0) * (sortDesc ? -1 : 1);
      });
      table.tBodies[0].append(...rows);
      table.querySelectorAll("th").forEach((th, j) => th.classList.toggle("sorted", j === i));
      table.querySelectorAll("th")[i].dataset.dir = sortDesc ? "desc" : "asc";
    };
    table.querySelectorAll("thead th").forEach((th, i) => {
      if (th.classList.contains("nosort")) return;
      th.classList.add("sortable");
      th.addEventListener("click", () => sortBy(i, th.dataset.type));
    });
    wire();
    // Running runs: refresh the rows in place every few seconds.
    if (table.dataset.running === "1") {
      const tick = async () => {
        try {
          const r = await fetch(location.href, { credentials: "same-origin" });
          const doc = new DOMParser().parseFromString(await r.text(), "text/html");
          const fresh = doc.getElementById("runs-table");
          if (fresh) {
            table.tBodies[0].replaceWith(document.adoptNode(fresh.tBodies[0]));
            wire();
            if (sortCol !== null) { sortDesc = !sortDesc; sortBy(sortCol, table.querySelectorAll("th")[sortCol].dataset.type); }
            if (fresh.dataset.running !== "1") return;
          }
        } catch (e) { /* server gone: try again later */ }
        setTimeout(tick, 4000);
      };
      setTimeout(tick, 4000);
    }
  };

  if (document.body.dataset.page === "runs") FL.initRuns();
})();
