"""Analysis: pure functions, DataFrames (or a Dataset) in, tidy DataFrames out.

- :mod:`~sco_analysis.analysis.cadence`: gaps between meetings, regularity, next due date;
- :mod:`~sco_analysis.analysis.participation`: who came, at what level and status;
- :mod:`~sco_analysis.analysis.agreements`: document steps, time to adoption, lineage.

Every function takes the :class:`~sco_analysis.Dataset` (or its ``tables`` mapping) and
optional filters (``start``, ``end``, ``series``, ``parties``); none reads files or plots.
"""

from . import agreements, cadence, overview, participation

__all__ = ["agreements", "cadence", "overview", "participation"]
