"""`python -m tui` runs the podium command line."""

from tui.cli import main

raise SystemExit(main())
