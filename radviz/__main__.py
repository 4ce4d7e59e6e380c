"""``python -m radviz``: the command line (see :mod:`radviz.cli`)."""

from radviz.cli import main

raise SystemExit(main())
