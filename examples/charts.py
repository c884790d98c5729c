"""Log every preset chart: the seed's basic charts, model-evaluation charts and a custom chart.

    python examples/charts.py                     # logs to ./figlog-runs (or $FIGLOG_DIR)
    python examples/charts.py --render docs/img/charts   # also writes each chart as PNG
    figlog ui                                     # then look at them

The data is made up with a fixed seed: a noisy three-class classifier.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import figlog


def make_charts() -> dict[str, figlog.charts.Chart]:
    rng = np.random.default_rng(0)

    # Basic charts (the seed's "基本チャート")
    x_values = np.linspace(0, 10, 50)
    y_values = np.sin(x_values) * np.exp(-x_values / 8)
    table = figlog.Table(data=[[x, y] for x, y in zip(x_values, y_values)], columns=["x", "y"])
    line = figlog.plot.line(table, "x", "y", title="Custom Y vs X line plot")

    runs = figlog.Table(columns=["step", "loss", "run"])
    for name, rate in (("lr=1e-3", 0.15), ("lr=1e-2", 0.4)):
        for step in range(30):
            runs.add_data(step, float(np.exp(-rate * step) + rng.normal(0, 0.02)), name)
    lines = figlog.plot.line(runs, "step", "loss", stroke="run", title="Loss by run")

    scores_x, scores_y = rng.normal(0, 1, 200), rng.normal(0, 1, 200)
    table = figlog.Table(
        data=[[a, 0.6 * a + 0.8 * b] for a, b in zip(scores_x, scores_y)],
        columns=["class_x", "class_y"],
    )
    scatter = figlog.plot.scatter(table, "class_x", "class_y", title="Class scores")

    labels, values = ["cat", "dog", "bird", "fish"], [42, 35, 18, 7]
    table = figlog.Table(data=[[la, v] for la, v in zip(labels, values)], columns=["label", "value"])
    bar = figlog.plot.bar(table, "label", "value", title="Custom Bar Chart")

    table = figlog.Table(data=[[float(s)] for s in rng.beta(5, 2, 1000)], columns=["scores"])
    histogram = figlog.plot.histogram(table, "scores", title="Histogram")

    line_series = figlog.plot.line_series(
        xs=[0, 1, 2, 3, 4],
        ys=[[10, 20, 30, 40, 50], [0.5, 11, 72, 3, 41]],
        keys=["metric Y", "metric Z"],
        title="Two Random Metrics",
        xname="x units",
    )

    # Model-evaluation charts (the seed's "モデル評価チャート")
    n = 5000
    ground_truth = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3)) + np.eye(3)[ground_truth] * np.array([2.0, 1.2, 0.6])
    predictions = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    class_names = ["cat", "dog", "bird"]
    pr = figlog.plot.pr_curve(ground_truth, predictions, labels=class_names)
    roc = figlog.plot.roc_curve(ground_truth, predictions, labels=class_names)
    cm = figlog.plot.confusion_matrix(
        y_true=ground_truth, preds=predictions.argmax(axis=1), class_names=class_names
    )

    # A custom chart: a user preset with W&B's placeholders (the seed's "carey/new_chart")
    figlog.presets.register(
        "carey/new_chart",
        {
            "title": "${string:title}",
            "width": 480,
            "height": 300,
            "layer": [
                {"mark": {"type": "area", "opacity": 0.3},
                 "encoding": {"x": {"field": "${field:x}", "type": "quantitative"},
                              "y": {"field": "${field:value}", "type": "quantitative"}}},
                {"mark": {"type": "line", "point": True},
                 "encoding": {"x": {"field": "${field:x}", "type": "quantitative"},
                              "y": {"field": "${field:value}", "type": "quantitative"}}},
            ],
        },
        string_fields={"title": "Height by step"},
        overwrite=True,
    )
    data = [[step, 1.2 + 0.5 * np.log1p(step)] for step in range(20)]
    table = figlog.Table(data=data, columns=["step", "height"])
    custom = figlog.plot_table(
        vega_spec_name="carey/new_chart", data_table=table, fields={"x": "step", "value": "height"}
    )

    return {
        "line": line,
        "line_stroke": lines,
        "scatter": scatter,
        "bar": bar,
        "histogram": histogram,
        "line_series": line_series,
        "pr_curve": pr,
        "roc_curve": roc,
        "confusion_matrix": cm,
        "custom": custom,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--render", type=Path, help="also write each chart as <dir>/<key>.png")
    ap.add_argument("--dir", help="the store (default ./figlog-runs or $FIGLOG_DIR)")
    args = ap.parse_args()

    charts = make_charts()
    with figlog.init(project="charts", name="all-presets", dir=args.dir) as run:
        run.log(charts)
    for key in ("pr_curve", "roc_curve"):
        print(key, charts[key].metrics)
    print("confusion_matrix", charts["confusion_matrix"].metrics)
    if args.render:
        args.render.mkdir(parents=True, exist_ok=True)
        for key, chart in charts.items():
            (args.render / f"{key}.png").write_bytes(chart.to_png(scale=1.5))


if __name__ == "__main__":
    main()
