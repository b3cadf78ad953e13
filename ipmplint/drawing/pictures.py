"""Each server's picture for a report that shows them (``check --format html``).

The fleet's workers keep each server's scene (``fleet.check(..., scenes=True)``); the
findings a report shows are only known after the baseline and per-path ignores have
hidden some (``ipmplint.engine.suppression``), so the scenes are marked again here with
exactly those findings, written as DOT with the legend, and drawn by Graphviz into
``ServerReport.picture``. The reporter then only embeds what it is given: it never
opens a capture, and never runs a program.

Graphviz is started once per batch of graphs, not once per server (``render_svgs``),
and the batches run side by side, ``jobs`` at a time. Without ``dot``, or when it
fails on a batch, every server concerned gets a ``Picture`` saying why and how to get
one; the rest of the report is unchanged.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Optional, Sequence

import attrs

from ipmplint.drawing import dot, render
from ipmplint.drawing.scene import Scene, mark
from ipmplint.findings import Picture, Report

#: Graphs per ``dot`` run: one. Graphviz (2.43, as Debian ships it) does not lay out a graph the same
#: way when it follows another in one run: the second graph of a batch came out in one of
#: several layouts from run to run, the same graph alone always in one. A page must be
#: the same bytes for the same captures, so each graph gets its own ``dot`` (the threads
#: still keep every core busy).
BATCH = 1

NO_DOT = f"Graphviz's dot program is not on PATH: {render.INSTALL_HINT}, then run the check again"


def attach(report: Report, scenes: Sequence[Optional[Scene]], jobs: int = 1) -> Report:
    """The report with a picture on each server: ``scenes[i]`` is the drawing of
    ``report.servers[i]`` (None: none was made), marked with that server's findings."""
    if len(scenes) != len(report.servers):
        raise ValueError(f"{len(scenes)} scenes for {len(report.servers)} servers")
    pictures = draw(
        [None if s is None else mark(s, server.findings) for s, server in zip(scenes, report.servers)], jobs
    )
    return attrs.evolve(
        report,
        servers=tuple(attrs.evolve(server, picture=picture) for server, picture in zip(report.servers, pictures)),
    )


def draw(scenes: Sequence[Optional[Scene]], jobs: int = 1) -> list[Picture]:
    """One ``Picture`` per scene, in order."""
    if render.dot_program() is None:
        return [Picture(missing=NO_DOT) for _ in scenes]
    wanted = [(i, s) for i, s in enumerate(scenes) if s is not None]
    texts = [dot.write(s, legend=True) for _, s in wanted]
    batches = [texts[at : at + BATCH] for at in range(0, len(texts), BATCH)]
    pictures = [Picture(missing="this server was not drawn") for _ in scenes]
    with ThreadPoolExecutor(max(1, jobs)) as pool:  # each thread waits on its own dot process
        drawn = [p for batch in pool.map(_batch, batches) for p in batch]
    for (i, _), picture in zip(wanted, drawn):
        pictures[i] = picture
    return pictures


def _batch(texts: list[str]) -> list[Picture]:
    """The pictures of one batch; when ``dot`` fails on it, each graph drawn alone, so
    that one graph Graphviz cannot draw costs its own picture only."""
    try:
        return [Picture(svg=svg) for svg in render.render_svgs(texts)]
    except render.RenderError:
        return [_alone(text) for text in texts]


def _alone(text: str) -> Picture:
    try:
        return Picture(svg=render.render_svgs([text])[0])
    except render.RenderError as exc:
        return Picture(missing=str(exc))
