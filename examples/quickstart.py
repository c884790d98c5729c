"""figlog quick start: a tiny "training loop" that logs scalars, a matplotlib chart, an image
and a table, then reads everything back.

Run it from a shell:  python examples/quickstart.py
The store is ./figlog-runs (or $FIGLOG_DIR); `figlog ui` shows it in a browser.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")  # no screen needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import figlog  # noqa: E402


def main() -> None:
    rng = np.random.default_rng(0)
    run = figlog.init(project="quickstart", config={"lr": 1e-3, "epochs": 20})
    for epoch in range(20):
        loss = math.exp(-epoch / 6) + 0.05 * rng.random()
        run.log({"train/loss": loss, "train/acc": 1 - loss / 2, "lr": 1e-3 * 0.9**epoch})

    # The seed's matplotlib example: log the pyplot state; it becomes interactive Plotly JSON.
    plt.plot([1, 2, 3, 4])
    plt.ylabel("some interesting numbers")
    run.log({"chart": plt})
    plt.close("all")

    # Keep a handle on the figure to log it after plt.show() has run, or as a picture.
    fig, ax = plt.subplots()
    ax.imshow(rng.random((16, 16)), cmap="viridis")
    run.log({"weights": figlog.Image(fig, caption="first layer")})
    plt.close(fig)

    table = figlog.Table(columns=["epoch", "loss", "sample"])
    for epoch in range(3):
        pixels = (rng.random((8, 8)) * 255).astype(np.uint8)
        table.add_data(epoch, float(epoch) / 3, figlog.Image(pixels))
    run.log({"samples": table})
    run.finish()

    store = figlog.open_store()
    latest = store.runs("quickstart")[0]
    print(f"run {latest.name} ({latest.id}) is {latest.status}; store at {store.root}")
    print("keys:", ", ".join(sorted(latest.keys())))
    print("last loss:", latest.history(keys=["train/loss"])[-1]["train/loss"])
    print("chart traces:", len(latest.get("chart")["data"]))


if __name__ == "__main__":
    main()
