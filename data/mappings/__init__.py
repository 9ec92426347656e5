"""Column mappings shipped with the package (see README.md here): `--mapping NAME`."""
