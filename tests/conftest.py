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
