"""``python -m minipublic`` runs the command line."""

from minipublic.cli import main

main()
