"""Shared test set-up: Qt must run headless, so pick the platform before Qt loads.

Parsed geometry is cached in a folder of this run's own, so tests never touch the
user's cache and always exercise a cold parse first.
"""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RADVIZ_CACHE_DIR"] = tempfile.mkdtemp(prefix="radviz-test-cache-")
