"""Browser fixtures: Playwright for Python driving Debian's Chromium, offline.

Use in a test::

    def test_map_opens(browser_page, tmp_path):
        path = tmp_path / "carte.html"
        path.write_text(html, encoding="utf-8")
        browser_page.open(path)
        assert browser_page.console_errors == []
        assert browser_page.outside_requests() == []
        browser_page.screenshot("carte")      # written only when NEC_SCREENSHOTS is set

``browser_page`` is a fresh page on one browser and one context shared by the test process
(a new context per test would start a new renderer each time; see ``_warm_context``).
Every request outside ``file:``/``data:``/127.0.0.1 is recorded and then aborted, so a test
never reaches the network. Tests using it get the ``browser`` marker (``-m "not browser"``
leaves them out).
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: no time limit per example (two loaded cores make timings meaningless) and,
# under CI, a fixed seed, so that a run passes or fails the same way every time; a new
# counter-example is then found locally (the default profile keeps exploring).
settings.register_profile("nec", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() not in ("", "0", "false") else "nec")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPOSITORY = Path(__file__).resolve().parent.parent
# Where test screenshots go (from the repository root, or absolute), e.g. NEC_SCREENSHOTS=/tmp/img.
SCREENSHOTS_VARIABLE = "NEC_SCREENSHOTS"
_LOCAL_PREFIXES = ("file:", "data:", "blob:", "about:", "http://127.0.0.1:")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    # The browser tests, the longest, run first (in their order): the last minutes of a parallel
    # run are then short tests that the workers share out (addopts: --dist worksteal), not one
    # worker auditing pages while the other waits.
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def _unavailable(reason: str) -> None:
    # In CI a missing browser must not turn the browser tests into silent skips.
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI: browser tests cannot be skipped)", pytrace=False)
    pytest.skip(reason)


class BrowserPage:
    """A Playwright page that records what a person would notice going wrong.

    ``console_errors``: console messages of type error and uncaught exceptions, from the
    page and its frames; ``requests``: every URL requested; ``dialogs``: ``alert``/``confirm``/
    ``prompt`` that opened (dismissed at once), as ``"type: message"``.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"console: {message.text}")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, target: str | Path, *, wait_for: str | None = None, timeout: float = 15):
        """Load a file path or URL; then wait until the JS expression ``wait_for`` is truthy."""
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        self.page.goto(url, wait_until="load", timeout=timeout * 1000)
        if wait_for:
            self.page.wait_for_function(wait_for, timeout=timeout * 1000)
        return self.page

    def outside_requests(self) -> list[str]:
        """Requested URLs other than file:, data:, blob:, about: and the local test server."""
        return [url for url in self.requests if not url.startswith(_LOCAL_PREFIXES)]

    def screenshot(self, name: str, *, full_page: bool = False) -> Path | None:
        """Write ``<NEC_SCREENSHOTS>/<name>.png`` when that variable is set, to look at a run
        (the README's images come from ``scripts/readme_screenshots.py``)."""
        folder = os.environ.get(SCREENSHOTS_VARIABLE)
        if not folder:
            return None
        path = REPOSITORY / folder / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def iframe_host(tmp_path: Path) -> Callable[..., Path]:
    """Write a local host page showing ``src`` in an ``<iframe id="cadre">``.

    ``iframe_host("carte.html", width="320px", name="hote")`` writes ``tmp_path/hote.html``
    and returns its path; reach the framed page with ``page.frame_locator("#cadre")`` or
    ``page.frames[1]``.
    """

    def write(src: str, *, width: str = "100%", height: str = "600px", name: str = "hote"):
        path = tmp_path / f"{name}.html"
        path.write_text(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Hôte</title>'
            f'</head><body><h1>Page hôte</h1><iframe id="cadre" src="{html.escape(src)}" '
            f'style="width:{width};height:{height};border:1px solid #888"></iframe></body></html>',
            encoding="utf-8",
        )
        return path

    return write


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def serve_directory() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 (some checks need http:): ``serve_directory(folder)``
    returns its base URL, e.g. ``browser_page.open(serve_directory(tmp_path) + "index.html")``.
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A short poll: shutdown() waits for the loop's next look (0.5 s by default).
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the session; Playwright gives it a fresh temporary profile
    (its own ``--user-data-dir``), and every test gets a new context on it."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} absent : apt-get install chromium fonts-dejavu-core")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright absent : pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _keep_offline(route) -> None:
    if route.request.url.startswith(_LOCAL_PREFIXES):
        route.continue_()
    else:
        route.abort("internetdisconnected")


@pytest.fixture(scope="session")
def _warm_context(chromium_browser, tmp_path_factory):
    """One browser context per test process, and a page that keeps its renderer alive.

    A new context, or a page whose site has no renderer left, starts a renderer process:
    about 1.5 s of CPU (Chromium and Playwright's setup of the page), against 0.35 s for a page
    of a site whose renderer is already running. Over the ~130 browser tests that is the larger
    part of their cost, so every test gets a new page of this context instead of a new context;
    what a context would carry over from one test to the next is cleared after each (see
    ``browser_page``). Returns ``(context, keeper)``: ``keeper`` is a blank ``file:`` page.
    """
    context = chromium_browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="fr-FR", service_workers="block"
    )
    context.set_default_timeout(10_000)
    context.route("**/*", _keep_offline)  # routing also turns the HTTP cache off
    keeper_file = tmp_path_factory.mktemp("navigateur") / "garde.html"
    keeper_file.write_text('<!DOCTYPE html><html lang="fr"><title>garde</title></html>', encoding="utf-8")
    keeper = context.new_page()
    keeper.goto(keeper_file.as_uri())
    yield context, keeper
    context.close()


@pytest.fixture
def browser_page(_warm_context) -> Iterator[BrowserPage]:
    """A fresh page (1280×800, French locale) that records errors, requests and dialogs.

    Afterwards every page the test opened is closed, and the context's cookies, permissions and
    the storage of ``file:`` pages are cleared, so no test sees what another left.
    """
    context, keeper = _warm_context
    page = BrowserPage(context.new_page())
    yield page
    for other in context.pages:
        if other != keeper:
            other.close()
    context.clear_cookies()
    context.clear_permissions()
    keeper.evaluate("localStorage.clear(); sessionStorage.clear()")


# -- every test reads inside the repository ------------------------------------------------------
# A fresh clone has nothing beside it: a test (or the package under test) that opens a file of a
# sibling folder (the shared folder beside a clone) passes here and fails there. An audit hook sees every file
# opened in this process (open(), io, os.open, pathlib, pandas, zipfile...) and the test that
# opened one outside the repository fails, naming the path. Commands run in a subprocess are not
# seen; tests/test_repository_boundary.py also scans the sources for paths leaving the repository.

_SYSTEM_FOLDERS = ("/usr", "/lib", "/lib64", "/etc", "/proc", "/sys", "/dev")
_USER_FOLDERS = (".cache", ".config", ".local", ".matplotlib", ".pyenv")


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _data_packages() -> list[str]:
    """Where the import system finds the package's data sub-packages: inside the repository
    for a clone, but an editable install of another checkout may map them to its own folders."""
    import importlib.util

    folders = []
    for name in ("nec_network.demo_data", "nec_network.mappings_data"):
        spec = importlib.util.find_spec(name)
        folders.extend(spec.submodule_search_locations or () if spec else ())
    return folders


class ReadGuard:
    """Record every file opened outside the repository, per test (or collected module).

    Allowed besides the repository: pytest's and :mod:`tempfile`'s temporary folders, the
    interpreter and its installed packages (``sys.prefix``, site-packages, ``sys.path``), system
    folders and the user's caches and settings; none of them may contain the repository itself,
    so a sibling of the repository (such as the shared folder beside it) is never allowed.
    """

    def __init__(self, root: Path) -> None:
        import site
        import sys
        import tempfile

        self.root = str(root)
        home = Path.home()
        self.temporary = os.path.abspath(tempfile.gettempdir())
        self.allowed: list[str] = []
        self.allow(
            self.temporary, sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
            *site.getsitepackages(), site.getusersitepackages(), *_SYSTEM_FOLDERS,
            *(str(home / name) for name in _USER_FOLDERS), *(entry for entry in sys.path if entry),
            *_data_packages(),
        )  # fmt: skip
        self.parent = str(root.parent)
        self.siblings = {"shared"} | {entry.name for entry in root.parent.iterdir() if entry != root} if (
            _under(self.root, self.temporary)) else {"shared"}
        self.current = "collecte"
        self.reads: dict[str, list[str]] = {}
        self._expected: list[str] | None = None

    def allow(self, *folders: str) -> None:
        """Allow these folders, except any that contains the repository."""
        for folder in map(os.path.abspath, folders):
            if not _under(self.root, folder):
                self.allowed.append(folder)

    def outside(self, path: str | os.PathLike) -> bool:
        """True when opening ``path`` reaches outside the repository and the allowed folders."""
        path = os.path.abspath(os.fsdecode(path))
        if _under(path, self.root) or any(_under(path, folder) for folder in self.allowed):
            return False
        if _under(self.root, self.temporary) and _under(path, self.temporary):
            # The repository lies in the temporary folder (CI may clone it there, at any depth):
            # its siblings at the start (and the shared folder, where the project's shared folder sits
            # beside a clone) are outside; what tempfile creates during the session is not.
            if not _under(path, self.parent):
                return False
            parts = Path(path).relative_to(self.parent).parts
            return bool(parts) and parts[0] in self.siblings
        return True

    def audit(self, event: str, arguments: tuple) -> None:
        if event != "open" or isinstance(arguments[0], int) or arguments[0] is None:
            return
        try:
            outside = self.outside(arguments[0])
        except Exception:  # noqa: BLE001 - an audit hook that raises would break the open() it watches
            return
        if outside:
            path = os.path.abspath(os.fsdecode(arguments[0]))
            if self._expected is not None:
                self._expected.append(path)
            else:
                self.reads.setdefault(self.current, []).append(path)

    def expected(self):
        """Context manager: opens inside it are collected in the list it yields, not failed."""
        import contextlib

        @contextlib.contextmanager
        def collecting():
            self._expected = seen = []
            try:
                yield seen
            finally:
                self._expected = None

        return collecting()

    def take(self, name: str) -> str | None:
        paths = self.reads.pop(name, [])
        if not paths:
            return None
        listed = "\n  ".join(dict.fromkeys(paths))
        return f"{name} a ouvert des fichiers hors du dépôt (un clone neuf ne les a pas) :\n  {listed}"


_GUARD = ReadGuard(REPOSITORY)


def pytest_sessionstart(session: pytest.Session) -> None:
    import sys

    _GUARD.allow(str(session.config._tmp_path_factory.getbasetemp()))
    session.config.pluginmanager.register(_GUARD, "nec-read-guard")
    sys.addaudithook(_GUARD.audit)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    _GUARD.current = collector.nodeid or "collecte"
    outcome = yield
    report = outcome.get_result()
    problem = _GUARD.take(_GUARD.current)
    if problem and report.outcome != "failed":
        report.outcome, report.longrepr, report.result = "failed", problem, []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    problem = _GUARD.take(item.nodeid)
    if problem and report.outcome != "failed":
        report.outcome, report.longrepr = "failed", problem


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    _GUARD.current = item.nodeid
    yield
    _GUARD.current = "fin de session"


# -- personal data in other spellings (tests/fixtures/personal) -----------------------------
PERSONAL_FIXTURE = REPOSITORY / "tests" / "fixtures" / "personal" / "lieux-v0-donnees-personnelles.json"
#: The advisers' values of PERSONAL_FIXTURE: national significant numbers, e-mails, names and ids.
_PERSONAL_NUMBERS = ("323990011", "612345678", "698765432")
_PERSONAL_TEXTS = ("camille.fictive@example.org", "d.fictif@example.org", "sacha.fictif@example.org",
                   "camille fictive", "dominique fictif", "sacha fictif", "alix fictif", "aidant-fictif")


def personal_traces_in(folder: Path) -> dict[str, list[str]]:
    """Each file under ``folder`` holding an adviser's value of PERSONAL_FIXTURE, in any spelling.

    An independent oracle of the rule: a number is found when its 9 significant digits appear
    once spaces, dots, dashes, slashes, brackets and ``+`` are taken out of the whole file
    (digits only); an e-mail, a name or an id when it appears case folded.
    """
    import re

    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        flat = re.sub(r"[\s.\-()/+\u00a0\u202f]", "", text)
        folded = html.unescape(text).casefold()
        hits = [n for n in _PERSONAL_NUMBERS if n in flat] + [t for t in _PERSONAL_TEXTS if t in folded]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


@pytest.fixture
def personal_traces() -> Callable[[Path], dict[str, list[str]]]:
    """:func:`personal_traces_in`, for tests of every writer of pages and exports."""
    return personal_traces_in


@pytest.fixture(scope="session")
def personal_fixture() -> Path:
    """PERSONAL_FIXTURE: a fictional v0 file whose advisers' data comes back in other spellings."""
    return PERSONAL_FIXTURE


# -- the demo synthesis, built once per test process -----------------------------------------
@pytest.fixture(scope="session")
def demo_synthesis():
    """``synthesize(load_demo(), personae=<the demo personae>)``, built once per process (each
    xdist worker builds its own). Read-only: analyses and views never mutate their inputs, and a
    test that changes it must build its own."""
    from nec_network.analysis.synthesis import synthesize
    from nec_network.demo import demo_path, load_demo
    from nec_network.io.personae import read_personae

    return synthesize(load_demo(), personae=read_personae(demo_path() / "personae.json"))
