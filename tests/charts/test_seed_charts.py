"""The chart snippets of the seed page (W&B's "log plots"), with ``figlog`` for ``wandb``.

Each snippet is copied as it stands on the page, between the ``# seed`` markers; only the
module name changes. (The bar snippet on the page lacks its final ``)``; it is added.)
The data the page leaves to the reader is made up in the fixture. Every chart is logged
to a run and read back from the store equal.
"""

from __future__ import annotations

import numpy as np
import pytest

import figlog
import figlog.charts


@pytest.fixture
def run(tmp_path):
    run = figlog.init(project="seed", dir=tmp_path)
    yield run
    figlog.finish()


@pytest.fixture
def data() -> dict:
    rng = np.random.default_rng(0)
    n = 200
    ground_truth = rng.integers(0, 3, n)
    probs = rng.dirichlet([1, 1, 1], n) + np.eye(3)[ground_truth] * 0.4
    probs /= probs.sum(axis=1, keepdims=True)
    return {
        "x_values": list(range(20)),
        "y_values": [float(np.sin(x / 3)) for x in range(20)],
        "class_x_scores": rng.random(50).tolist(),
        "class_y_scores": rng.random(50).tolist(),
        "labels": ["cat", "dog", "bird"],
        "values": [3, 5, 1],
        "scores": rng.beta(2, 5, 300).tolist(),
        "ground_truth": ground_truth,
        "predictions": probs,
        "class_names": ["cat", "dog", "bird"],
    }


def test_line(run, data) -> None:
    wandb = figlog
    x_values, y_values = data["x_values"], data["y_values"]
    # seed
    data = [[x, y] for (x, y) in zip(x_values, y_values)]
    table = wandb.Table(data=data, columns=["x", "y"])
    wandb.log(
        {"my_custom_plot_id": wandb.plot.line(table, "x", "y",
               title="カスタムY対X線プロット")})
    # seed end


def test_scatter(run, data) -> None:
    wandb = figlog
    class_x_scores, class_y_scores = data["class_x_scores"], data["class_y_scores"]
    # seed
    data = [[x, y] for (x, y) in zip(class_x_scores, class_y_scores)]
    table = wandb.Table(data=data, columns=["class_x", "class_y"])
    wandb.log({"my_custom_id": wandb.plot.scatter(table,
                                "class_x", "class_y")})
    # seed end


def test_bar(run, data) -> None:
    wandb = figlog
    labels, values = data["labels"], data["values"]
    # seed
    data = [[label, val] for (label, val) in zip(labels, values)]
    table = wandb.Table(data=data, columns = ["label", "value"])
    wandb.log({"my_bar_chart_id" : wandb.plot.bar(table, "label",
                                   "value", title="Custom Bar Chart")})
    # seed end


def test_histogram(run, data) -> None:
    wandb = figlog
    scores = data["scores"]
    # seed
    data = [[s] for s in scores]
    table = wandb.Table(data=data, columns=["scores"])
    wandb.log({'my_histogram': wandb.plot.histogram(table, "scores",
                               title="Histogram")})
    # seed end


def test_line_series(run) -> None:
    wandb = figlog
    # seed
    wandb.log({"my_custom_id" : wandb.plot.line_series(
              xs=[0, 1, 2, 3, 4],
              ys=[[10, 20, 30, 40, 50], [0.5, 11, 72, 3, 41]],
              keys=["metric Y", "metric Z"],
              title="Two Random Metrics",
              xname="x units")})
    # seed end


def test_pr_curve(run, data) -> None:
    wandb = figlog
    ground_truth, predictions = data["ground_truth"], data["predictions"]
    # seed
    wandb.log({"pr": wandb.plot.pr_curve(ground_truth, predictions)})
    # seed end
    # with the optional arguments the page describes
    wandb.log({"pr": wandb.plot.pr_curve(ground_truth, predictions,
                                         labels=["cat", "dog", "bird"],
                                         classes_to_plot=["dog", "bird"])})


def test_roc_curve(run, data) -> None:
    wandb = figlog
    ground_truth, predictions = data["ground_truth"], data["predictions"]
    # seed
    wandb.log({"roc": wandb.plot.roc_curve(ground_truth, predictions)})
    # seed end


def test_confusion_matrix(run, data) -> None:
    wandb = figlog
    ground_truth, class_names = data["ground_truth"], data["class_names"]
    predictions = data["predictions"].argmax(axis=1)
    # seed
    cm = wandb.plot.confusion_matrix(
        y_true=ground_truth,
        preds=predictions,
        class_names=class_names)

    wandb.log({"conf_mat": cm})
    # seed end


def test_custom_chart(run) -> None:
    wandb = figlog
    # W&B's user creates "carey/new_chart" in its web UI; a figlog user registers it (or
    # saves it as <store>/presets/carey/new_chart.json).
    figlog.presets.register("carey/new_chart", {
        "mark": {"type": "line", "point": True},
        "encoding": {"x": {"field": "${field:x}", "type": "quantitative"},
                     "y": {"field": "${field:value}", "type": "quantitative"}},
    }, overwrite=True)
    data = [[step, 1.5 + 0.1 * step] for step in range(10)]
    try:
        # seed
        # プロットする列を持つ表を作成する
        table = wandb.Table(data=data,
                            columns=["step", "height"])

        # テーブルの列からチャートのフィールドへのマップ
        fields = {"x": "step",
                  "value": "height"}

        # テーブルを使用して、新しいカスタムチャートプリセットを設定する
        # 既存のチャートプリセットを使用する場合は、vega_spec_nameを変更してください
        my_custom_chart = wandb.plot_table(
            vega_spec_name="carey/new_chart",
            data_table=table,
            fields=fields)
        # seed end
        wandb.log({"custom": my_custom_chart})
    finally:
        figlog.presets.unregister("carey/new_chart")


def test_logged_charts_come_back_equal(tmp_path, data) -> None:
    charts = {
        "roc": figlog.plot.roc_curve(data["ground_truth"], data["predictions"]),
        "cm": figlog.plot.confusion_matrix(probs=data["predictions"],
                                           y_true=data["ground_truth"]),
        "lines": figlog.plot.line_series([0, 1], [[1, 2], [3, 4]]),
    }
    with figlog.init(project="seed", dir=tmp_path) as run:
        run.log(charts)
    (stored,) = figlog.open_store(tmp_path).runs("seed")
    for key, chart in charts.items():
        again = stored.get(key)
        assert again == chart
        assert again.to_vega_lite() == chart.to_vega_lite()


def test_store_presets_folder_serves_plot_table(tmp_path) -> None:
    import json

    folder = tmp_path / "presets" / "team"
    folder.mkdir(parents=True)
    (folder / "bars.json").write_text(json.dumps({
        "mark": "bar",
        "encoding": {"x": {"field": "${field:label}", "type": "nominal"},
                     "y": {"field": "${field:value}", "type": "quantitative"}},
    }))
    with figlog.init(project="seed", dir=tmp_path) as run:
        table = figlog.Table(data=[["a", 1], ["b", 2]], columns=["name", "n"])
        chart = figlog.plot_table("team/bars", table, {"label": "name", "value": "n"})
        run.log({"bars": chart})
    assert chart.to_vega_lite()["mark"] == "bar"


def test_top_level_names_are_wired() -> None:
    import figlog.plot as plot_module

    assert figlog.plot_table is figlog.charts.plot_table
    assert figlog.presets is figlog.charts.presets
    assert figlog.plot is plot_module
