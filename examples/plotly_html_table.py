"""The seed's "Plotly figures as HTML in a table" example, with figlog in place of wandb.

``fig.write_html`` with its defaults embeds the 4.8 MB plotly.js in every file. figlog keeps
one copy of it per store, so a table of many such cells costs a few kilobytes a cell, and
each cell still renders offline.

Run it from a shell:  python examples/plotly_html_table.py [--cells N]
Files go to the working directory; the store is ./figlog-runs (or $FIGLOG_DIR).
"""

from __future__ import annotations

import argparse

import plotly.express as px

import figlog


def main(cells: int = 3) -> None:
    # Start a new run
    run = figlog.init(project="log-plotly-fig-tables", name="plotly_html")

    # Create a table
    table = figlog.Table(columns=["plotly_figure"])

    for i in range(cells):
        # Create a path for the Plotly figure
        path_to_plotly_html = f"./plotly_figure_{i}.html"

        # Example Plotly figure (each cell a different one)
        fig = px.scatter(x=[0, 1, 2, 3, 4], y=[0, 1, 4 + i, 9, 16])

        # Write the Plotly figure to HTML; auto_play=False keeps animated figures still
        fig.write_html(path_to_plotly_html, auto_play=False)

        # Add the Plotly figure as an HTML file into the table
        table.add_data(figlog.Html(path_to_plotly_html))

    # Log the table
    run.log({"test_table": table})
    figlog.finish()
    print("logged", cells, "Plotly HTML cells to", run.dir)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=3, help="how many figures (default 3)")
    main(parser.parse_args().cells)
