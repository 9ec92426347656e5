"""Accessibility audit for every page's browser test: axe-core, WCAG 2.1 A and AA rules.

Use in a test::

    def test_map_is_accessible(browser_page, assert_no_serious_axe_violations, tmp_path):
        page = browser_page.open(path, wait_for=READY)
        assert_no_serious_axe_violations(page)

axe-core comes bundled in the ``axe-playwright-python`` package (test extra), so the audit
runs offline. Violations of impact *serious* or *critical* fail the test with each rule,
its help text and the elements at fault; minor and moderate ones are not failures (they
are listed by :func:`axe_violations` for whoever wants them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

#: The rule tags audited: WCAG 2.0 and 2.1, levels A and AA (what RGAA 4 builds on).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
FAILING_IMPACTS = ("serious", "critical")


def _axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        message = "axe-playwright-python absent : pip install -e '.[test]'"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{message} (CI: the audit cannot be skipped)", pytrace=False)
        pytest.skip(message)
    return AXE_SCRIPT


def axe_violations(page: Any, *, exclude: Iterable[str] = ()) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on ``page`` (a Playwright page or frame).

    ``exclude`` lists CSS selectors left out of the audit (e.g. a third-party widget the
    test documents as such).
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, options]
    )
    return result["violations"]


def _describe(violation: dict[str, Any]) -> str:
    targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
    more = len(violation["nodes"]) - len(targets)
    summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"  éléments : {' | '.join(targets)}{f' (+{more})' if more > 0 else ''}\n"
        f"  {summary}"
    )


@pytest.fixture
def assert_no_serious_axe_violations() -> Callable[..., None]:
    """``assert_no_serious_axe_violations(page, exclude=())``: fail on serious/critical issues."""

    def check(page: Any, *, exclude: Iterable[str] = ()) -> None:
        found = [v for v in axe_violations(page, exclude=exclude) if v["impact"] in FAILING_IMPACTS]
        assert not found, "Violations axe-core (WCAG 2.1 A/AA) :\n" + "\n".join(map(_describe, found))

    return check


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder ``nec-network demo --sans-fond`` writes, once per test process: the demo's
    tests and the site's tests open the same pages. No test changes a page the demo wrote; two
    put an iframe's host page of their own beside them (same folder, same origin)."""
    from nec_network.cli import main

    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "-o", str(folder), "--sans-fond"]) == 0
    return folder


@pytest.fixture(scope="session")
def demo_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's network page with the default options, ``write_network(load_demo())``, once per
    test process: the network tests and the tests in time open the same page (read it only)."""
    from nec_network.demo import load_demo
    from nec_network.views.network import write_network

    return write_network(load_demo(), tmp_path_factory.mktemp("reseau") / "reseau.html")
