"""`python -m stronghold` runs the command line."""

from stronghold.cli import main

main()
