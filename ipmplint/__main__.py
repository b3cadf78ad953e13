"""``python -m ipmplint``: the same as the console script."""

import sys

from ipmplint.cli import main

sys.exit(main())
