"""`python -m storydesk` runs the command line."""

from storydesk.cli import main

main()
