"""radviz: explain lumbar radicular symptoms to patients, clinicians and trainees.

Importing :mod:`radviz` loads no Qt.
"""

__version__ = "0.2.0"
