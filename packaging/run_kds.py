"""Entry point PyInstaller freezes: the same `kds.app:main` as the `kds` console script."""

import sys

from kds.app import main

if __name__ == "__main__":
    sys.exit(main())
