"""Suite-wide test settings.

Hypothesis: no per-example deadline. Speed is measured in ``bench/``, not asserted in unit
tests, and on a busy 2-core machine a first call that imports pandas or statsmodels can take
longer than hypothesis' default 200 ms, which would fail a correct property test at random.
"""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("followthrough", deadline=None)
settings.load_profile("followthrough")
