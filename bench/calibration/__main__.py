"""`python -m bench.calibration [--split tuning|heldout] [-v]`: only the calibration table."""

import sys

from bench.calibration import main

sys.exit(main())
