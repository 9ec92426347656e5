"""Sub-commands of the analysis topic."""

from __future__ import annotations

import argparse

from nec_network.cli import analysis_coverage


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this topic's sub-commands to the ``nec-network`` parser."""
    analysis_coverage.register(subparsers)
