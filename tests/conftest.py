"""Shared test set-up: Qt must run headless, so pick the platform before Qt loads.

Parsed geometry, autosave and progress files go to folders of this run's own, so tests
never touch the user's files and always exercise a cold parse first.
"""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RADVIZ_CACHE_DIR"] = tempfile.mkdtemp(prefix="radviz-test-cache-")
# Autosave, recovery files and trainee progress go to a folder of this run's own too.
os.environ["RADVIZ_DATA_DIR"] = tempfile.mkdtemp(prefix="radviz-test-data-")

# Every Hypothesis test in the suite is deterministic (the same examples on every run and
# every machine, so a failure always reproduces) and never waits on the clock.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("radviz", derandomize=True, deadline=None)
_hypothesis_settings.load_profile("radviz")
