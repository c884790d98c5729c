"""The seed's "Matplotlib and Plotly" example with figlog in place of wandb: log `plt`, a
Figure, a Plotly figure, and a figure as an image."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import plotly.express as px  # noqa: E402

import figlog  # noqa: E402

run = figlog.init(project="log-plots", name="matplotlib-and-plotly")

# As in the seed: pass plt itself; figlog converts it to an interactive Plotly chart.
plt.plot([1, 2, 3, 4])
plt.ylabel("some interesting numbers")
figlog.log({"chart": plt})

# If you see "Tried to log an empty plot", keep the figure and log it instead of plt.
fig = plt.figure()
x = np.linspace(0, 2 * np.pi, 100)
plt.plot(x, np.sin(x), label="sin")
plt.plot(x, np.cos(x), "--", label="cos")
plt.legend()
plt.title("Two waves")
plt.show()  # a no-op without a screen; with one, the figure closes here
figlog.log({"waves": fig, "waves_png": figlog.Image(fig)})

# Plotly charts are accepted directly.
figlog.log({"plotly_scatter": px.scatter(x=[0, 1, 2, 3, 4], y=[0, 1, 4, 9, 16])})
run.finish()
print("logged to", run.dir)
