import sys

from .editors.cli import main

sys.exit(main())
