"""``python -m copro_kg`` runs the ``copro-kg`` command."""

from copro_kg.cli import main

if __name__ == "__main__":
    main()
