"""The seed's "Bokeh figure as HTML in a table" example, with figlog in place of wandb: a
Panel row with an audio player, a HoloViews spectrogram (Bokeh) and a slider linked to both.

Panel's ``save()`` with its defaults loads BokehJS and Panel from a CDN, so the file renders
blank offline. figlog serves the same versions from the installed bokeh and panel packages
(stored once per store), and the cell renders with no network.

The seed reads ``hello.wav``; this script first writes one (a two-second chirp, with scipy)
so that it runs anywhere.

Run it from a shell:  python examples/audio_spectrogram.py
Files go to the working directory; the store is ./figlog-runs (or $FIGLOG_DIR).
"""

from __future__ import annotations

import holoviews as hv
import numpy as np
import panel as pn
from scipy.io import wavfile
from scipy.signal import chirp, spectrogram

import figlog

hv.extension("bokeh", logo=False)


def write_hello_wav(path: str, *, sr: int = 8_000, seconds: float = 2.0) -> None:
    """A chirp from 200 Hz to 2 kHz, 16-bit mono: a stand-in for the seed's hello.wav."""
    t = np.linspace(0, seconds, int(sr * seconds), endpoint=False)
    wave = 0.5 * chirp(t, f0=200, f1=2_000, t1=seconds, method="logarithmic")
    wavfile.write(path, sr, (wave * 32767).astype(np.int16))


# From here on, the seed's code with figlog in place of wandb.
def save_audio_with_bokeh_plot_to_html(audio_path, html_file_name):
    sr, wav_data = wavfile.read(audio_path)

    duration = len(wav_data) / sr

    f, t, sxx = spectrogram(wav_data, sr)

    spec_gram = hv.Image((t, f, np.log10(sxx)), ["Time (s)", "Frequency (hz)"]).opts(
        width=500, height=150, labelled=[])

    audio = pn.pane.Audio(wav_data, sample_rate=sr, name="Audio", throttle=500)

    slider = pn.widgets.FloatSlider(end=duration, visible=False)

    line = hv.VLine(0).opts(color="white")

    slider.jslink(audio, value="time", bidirectional=True)

    slider.jslink(line, value="glyph.location")

    pn.Row(audio, spec_gram * line, slider).save(html_file_name)


def main() -> None:
    audio_path = "hello.wav"
    write_hello_wav(audio_path)

    html_file_name = "audio_with_plot.html"

    save_audio_with_bokeh_plot_to_html(audio_path, html_file_name)

    figlog_html = figlog.Html(html_file_name)

    run = figlog.init(project="audio_test")

    my_table = figlog.Table(columns=["audio_with_plot"], data=[[figlog_html], [figlog_html]])

    run.log({"audio_table": my_table})

    run.finish()
    print("logged the audio table to", run.dir)


if __name__ == "__main__":
    main()
