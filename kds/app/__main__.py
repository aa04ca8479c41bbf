"""`python -m kds.app`: the same as the `kds` command."""

import sys

from kds.app import main

sys.exit(main())
