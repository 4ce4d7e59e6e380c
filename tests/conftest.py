"""Shared test set-up: Qt must run headless, so pick the platform before Qt loads."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
