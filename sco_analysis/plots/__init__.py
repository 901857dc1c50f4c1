"""Charts: ``plot_*(data, *, ax=None, **kw) -> Axes``, in the packaged style, no global state.

Each function takes the Dataset (or its tables) and optional filters, draws on ``ax`` or on
a new figure, applies ``sco.mplstyle`` only while drawing, and returns the Axes. Use
:func:`save` for byte-stable PNG, SVG or PDF files. A selection with nothing to draw raises
:class:`NothingToPlot` (a ``ValueError`` saying what is missing) instead of drawing empty
axes. Nothing here reads or writes data files.
"""

from ._common import NothingToPlot, save, style
from .agreements import plot_swimlanes
from .cadence import plot_per_year, plot_timeline
from .overview import plot_sources
from .participation import plot_heatmap

__all__ = [
    "NothingToPlot",
    "plot_heatmap",
    "plot_per_year",
    "plot_sources",
    "plot_swimlanes",
    "plot_timeline",
    "save",
    "style",
]
