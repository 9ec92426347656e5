"""Which texts of a record may become links on a page: http(s) addresses and e-mail addresses.

Both checks are memoised (places of one network share their sites and addresses) and
used by every page that links to a place (map, orientation).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

#: An http(s) address in plain ASCII, with a host of usual characters: what urlsplit would
#: accept with a host, recognised without splitting it (anything else is split).
_PLAIN_WEB = re.compile(r"https?://[\w.:@%!$&'()*+,;=~-]+(?:[/?#][!-~]*)?", re.IGNORECASE | re.ASCII)
_EMAIL = re.compile(r"^[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+$")


@lru_cache(maxsize=8192)
def web_url(value: str) -> str:
    """``value`` when it is an http(s) URL with a host, else ``""`` (no javascript: links).

    Memoised (places of one network share their sites); only http(s) text is split.

    >>> web_url("https://exemple.fr/rdv"), web_url("javascript:alert(1)"), web_url("www.x.fr")
    ('https://exemple.fr/rdv', '', '')
    """
    value = value.strip()
    if not value[:8].lower().startswith(("http://", "https://")):
        return ""
    if _PLAIN_WEB.fullmatch(value):
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


@lru_cache(maxsize=8192)
def email_address(value: str) -> str:
    """``value`` when it looks like one e-mail address (for a ``mailto:`` link), else ``""``
    (memoised like :func:`web_url`).

    >>> email_address(" contact@mairie.fr "), email_address("a@b.fr?bcc=c@d.fr<")
    ('contact@mairie.fr', '')
    """
    value = value.strip()
    return value if _EMAIL.match(value) and "?" not in value else ""
