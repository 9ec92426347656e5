"""Shared by the page benchmarks: how long a page takes to be ready in headless Chromium."""

from __future__ import annotations

from pathlib import Path


def time_to_ready(browser, path: Path, condition: str, repeats: int, *,  # noqa: ANN001 - a Playwright browser
                  width: int = 1280, height: int = 800) -> float:
    """Best time (s) over ``repeats`` loads from navigation start until ``condition`` (a
    JavaScript function) returns a number of milliseconds; a page error stops the benchmark."""
    best = float("inf")
    for _ in range(repeats):
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
        milliseconds = page.wait_for_function(condition, polling="raf", timeout=120_000).json_value()
        page.close()
        if errors:
            raise SystemExit(f"erreur dans la page {path.name} : {errors[0]}")
        best = min(best, milliseconds / 1000)
    return best
