"""Sub-commands of the analysis topic."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this topic's sub-commands to the ``nec-network`` parser."""
