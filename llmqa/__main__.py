"""Allow `python -m llmqa`."""

from llmqa.cli import main

raise SystemExit(main())
