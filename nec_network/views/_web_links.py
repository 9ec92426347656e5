"""Which texts of a record may become links on a page: http(s) addresses and e-mail addresses.

Used by every page that links to a place (map, orientation). The checks keep no memory:
nearly every place has its own addresses (442 distinct e-mail addresses of 465 in the France
Services list), and a memo cost more than it saved (an ``lru_cache`` over 20,000 distinct
addresses was thrashed).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: An http(s) address in plain ASCII, with a host of usual characters: what urlsplit would
#: accept with a host, recognised without splitting it (anything else is split).
_PLAIN_WEB = re.compile(r"https?://[\w.:@%!$&'()*+,;=~-]+(?:[/?#][!-~]*)?", re.IGNORECASE | re.ASCII)
_EMAIL = re.compile(r"^[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+$")


def web_url(value: str) -> str:
    """``value`` when it is an http(s) URL with a host, else ``""`` (no javascript: links).

    Only http(s) text that is not plainly a web address is split.

    >>> web_url("https://exemple.fr/rdv"), web_url("javascript:alert(1)"), web_url("www.x.fr")
    ('https://exemple.fr/rdv', '', '')
    """
    value = value.strip()
    if _PLAIN_WEB.fullmatch(value):  # the usual case, http(s) included: no other test
        return value
    if not value[:8].lower().startswith(("http://", "https://")):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def email_address(value: str) -> str:
    """``value`` when it looks like one e-mail address (for a ``mailto:`` link), else ``""``.

    >>> email_address(" contact@mairie.fr "), email_address("a@b.fr?bcc=c@d.fr<")
    ('contact@mairie.fr', '')
    """
    value = value.strip()
    return value if _EMAIL.match(value) and "?" not in value else ""
