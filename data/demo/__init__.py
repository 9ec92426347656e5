"""The fictional demo ecosystem of the Pays picards, shipped as package data (see README.md here)."""
