"""Safe output: nothing overwritten without ``--force``, no symbolic link followed, no half-written file.

Every file the tool writes goes through :func:`open_output` (or
:func:`write_output`): the content is written to a temporary file in the same
folder, then renamed over the target (``os.replace``), so a reader never sees
a half-written file and a symbolic link at the target is replaced, never
followed.

The command line decides before any work whether a target may be written,
with :func:`claim_file` and :func:`claim_folder`. The rule:

- a target that does not exist is written;
- a folder the tool creates (or that is empty) receives a small marker file,
  ``.nec-network``, which lists each file written there with its SHA-256. A
  file listed there and unchanged since is the tool's own and may be
  rewritten (``nec-network demo`` run twice, ``import`` into the same folder);
  a file edited by a person since is not;
- a file the command line writes alone into any other folder (``coverage -o
  couverture.csv`` in a working folder) is recorded the same way, in a marker
  that says the folder itself is not the tool's (``"dossier": false``): the
  second run recognises its own file and rewrites it, the person's files
  beside it stay refused, and the folder does not become the tool's;
- any other existing file, or a non-empty folder that is not the tool's (unless
  it holds only the tool's own files), is refused
  with :class:`~nec_network.errors.OverwriteRefusedError` (the command line
  adds its option, ``--force``, to the message); ``force=True`` replaces it;
- a symbolic link, or anything that is neither a regular file nor a folder
  (a device such as ``/dev/null``, a named pipe, a socket), is refused always,
  even with ``force`` (:class:`~nec_network.errors.OutputError`): renaming a
  file over ``/dev/null`` as root replaces the system's device.

A folder holding files that the tool did not write may still receive *new*
files when the caller allows it (``shared=True``: ``demo`` writing next to
``maps/README.md``); files of the same name are never replaced without force.

Inside :func:`protect_outputs` (the command line runs every command in it),
:func:`open_output` itself refuses to replace a file that is not the tool's
own: a safety net under the claims. Outside it, as for any Python library,
the library's writers replace their target (still atomically, never through a
link).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from nec_network.errors import OutputError, OverwriteRefusedError
from nec_network.tables import WORKBOOK_SUFFIXES
from nec_network.tables.formulas import TOOL_MARKER
from nec_network.tables.limits import special_file_kind

__all__ = [
    "FILE_SUFFIXES", "MARKER", "claim_file", "claim_folder", "companion_path", "open_output", "protect_outputs",
    "record_own_file", "refuse_special", "write_output",
]  # fmt: skip

#: Marker file of the folders the tool writes: which files, with their SHA-256 (defined beside
#: the formula rule, which reads it: :func:`nec_network.tables.formulas.quoted_by_tool`).
MARKER = TOOL_MARKER

#: Suffixes of the files the tool reads or writes: a new output folder is never named so
#: (``geocode -o x.xlsx`` from a folder would make a folder called ``x.xlsx``).
FILE_SUFFIXES = frozenset({".csv", ".json", ".geojson", ".graphml", ".gexf", ".html", ".htm", ".md", ".txt",
                           *WORKBOOK_SUFFIXES})

_PROTECTED: contextvars.ContextVar[bool] = contextvars.ContextVar("nec_network_protected", default=False)
#: Inside :func:`protect_outputs` (forced or not): every file written is recorded in its folder's marker.
_RECORDING: contextvars.ContextVar[bool] = contextvars.ContextVar("nec_network_recording", default=False)
#: Folders accepted by :func:`claim_folder`: they get their marker with their first file.
_CLAIMED: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("nec_network_claimed", default=frozenset())


def companion_path(model: str | Path, name: str) -> Path:
    """Where a file that goes with a model is written: ``DOSSIER/name`` for a folder model,
    ``classeur-name`` beside a workbook (``rejets.csv``, ``doublons.csv``, ``personae.json``…).

    >>> companion_path("modele", "rejets.csv").as_posix(), companion_path("sortie/modele.xlsx", "rejets.csv").as_posix()
    ('modele/rejets.csv', 'sortie/modele-rejets.csv')
    """
    model = Path(model)
    if model.suffix.lower() in WORKBOOK_SUFFIXES:
        return model.with_name(f"{model.stem}-{name}")
    return model / name


@contextlib.contextmanager
def protect_outputs(*, force: bool = False) -> Iterator[None]:
    """Within this block :func:`open_output` refuses to replace what the tool did not write (unless ``force``)."""
    token = _PROTECTED.set(not force)
    recording = _RECORDING.set(True)
    claimed = _CLAIMED.set(frozenset())
    try:
        yield
    finally:
        _CLAIMED.reset(claimed)
        _RECORDING.reset(recording)
        _PROTECTED.reset(token)


def refuse_special(path: Path) -> None:
    """Raise :class:`OutputError` when ``path`` is a symbolic link or exists as neither a regular
    file nor a folder (device, named pipe, socket): never replaced, even with ``force``."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"« {path} » est un lien symbolique : nec-network ne remplace jamais un lien, même en "
            "forçant ; donnez un autre chemin."
        )
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OutputError(
            f"« {path} » n'est pas un fichier ordinaire ({special_file_kind(mode)}) : nec-network ne le "
            "remplace jamais, même en forçant ; donnez un autre chemin."
        )


def _check_creatable(folder: Path) -> None:
    """Raise :class:`OutputError` when ``folder`` exists as something else or lies under a file."""
    for ancestor in (folder, *folder.parents):
        if ancestor.is_dir():
            return
        if ancestor.exists() or ancestor.is_symlink():
            raise OutputError(f"« {ancestor} » n'est pas un dossier : impossible d'écrire dans « {folder} ».")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def _describe(error: OSError) -> str:
    return error.strerror or type(error).__name__


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` and its parents, or raise :class:`OutputError` in French."""
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        raise OutputError(f"« {folder} » n'est pas un dossier : impossible d'y écrire.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"impossible de créer le dossier « {folder} » ({_describe(error)}).") from error


def _read_nofollow(path: Path) -> bytes | None:
    """Content of a regular file, or None for a missing file, a link or anything unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a named pipe would block, a device never end
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def _digest(path: Path) -> str | None:
    """SHA-256 of a regular file, read in blocks, or None for a missing file, a link or anything
    unreadable (read like :func:`_read_nofollow`: never through a link, never blocking on a pipe)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _marker_document(folder: Path) -> tuple[dict[str, str], bool] | None:
    """The folder's marker: its files (name → SHA-256) and whether the folder itself is the tool's.

    None when the folder has no valid marker. A marker without ``dossier`` (older
    versions wrote markers only in their own folders) marks the folder as the tool's.
    """
    data = _read_nofollow(folder / MARKER)
    if data is None:
        return None
    try:
        document = json.loads(data.decode("utf-8"))
        files = document["fichiers"]
        own_folder = document.get("dossier", True)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if not isinstance(files, dict):
        return None
    return {str(name): str(digest) for name, digest in files.items()}, own_folder is True


def _marker(folder: Path) -> dict[str, str] | None:
    """Files recorded in the folder's marker (name → SHA-256), or None when it has no valid marker."""
    document = _marker_document(folder)
    return None if document is None else document[0]


def _owns_folder(folder: Path) -> bool:
    """True when the folder's marker says the tool made (or was given empty) the folder itself."""
    document = _marker_document(folder)
    return document is not None and document[1]


def _save_marker(folder: Path, files: dict[str, str], *, own_folder: bool = True) -> None:
    explanation = (
        "fichiers écrits par nec-network dans ce dossier (empreinte SHA-256) ; "
        "nec-network ne remplace sans --force que ceux-là, s'ils n'ont pas été modifiés."
    )
    if not own_folder:
        explanation += " Le dossier lui-même n'a pas été créé par nec-network."
    document = {
        "ecrit_par": "nec-network",
        "explication": explanation,
        "dossier": own_folder,
        "fichiers": dict(sorted(files.items())),
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    _atomic_write(folder / MARKER, text.encode("utf-8"))


def _changed(path: Path) -> OverwriteRefusedError:
    return OverwriteRefusedError(f"« {path} » existe déjà et n'a pas été écrit par nec-network (ou a été modifié depuis)")


def _is_own(path: Path) -> bool:
    """True when ``path`` is a regular file recorded, unchanged, in its folder's marker."""
    recorded = _marker(path.parent)
    if not recorded or path.name not in recorded or path.is_symlink():
        return False
    return _digest(path) == recorded[path.name]


def claim_file(path: str | Path, *, force: bool = False) -> Path:
    """Check, before any work, that the file ``path`` may be written (nothing is created). Returns the path.

    Raises :class:`OutputError` when ``path`` is a folder, when its folder cannot
    be created, or when it exists (file or link) and is not the tool's own
    unchanged file, unless ``force``.
    """
    path = Path(path)
    refuse_special(path)
    if path.is_dir():
        raise OutputError(f"« {path} » est un dossier : donnez un nom de fichier.")
    if path.exists() and not force and not _is_own(path):
        raise OverwriteRefusedError(f"« {path} » existe déjà et n'a pas été écrit par nec-network")
    _check_creatable(path.parent)
    return path


def claim_folder(
    path: str | Path, *, names: Iterable[str] = (), force: bool = False, shared: bool = False
) -> Path:
    """Check, before any work, that the folder ``path`` may receive the files ``names``.

    Nothing is created now: the folder and its marker are made with the first
    file written (inside :func:`protect_outputs`). A new or empty folder becomes the tool's; a marked folder may be
    written when each of ``names`` is absent or the tool's own unchanged file;
    any other non-empty folder is refused unless it holds only the tool's own
    unchanged files (with ``shared=True`` it is accepted when none of ``names``
    exists). ``force`` accepts everything but
    a path that is a file, a link or a special file (see :func:`refuse_special`), which are
    refused for the folder and for each of ``names``. Raises :class:`OutputError` in French.
    """
    path = Path(path)
    refuse_special(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"« {path} » est un fichier, pas un dossier : donnez un dossier de sortie.")
    if not path.exists() and path.suffix.lower() in FILE_SUFFIXES:
        raise OutputError(
            f"« {path} » est un nom de fichier ({path.suffix}) mais c'est un dossier qui est écrit ici : "
            "donnez un nom de dossier sans extension."
        )
    _check_creatable(path)
    names = list(names)
    try:
        entries = [entry for entry in os.listdir(path) if entry != MARKER] if path.is_dir() else []
    except OSError as error:
        raise OutputError(f"dossier « {path} » illisible ({_describe(error)}).") from error
    for name in names:
        refuse_special(path / name)
    if not force:
        foreign = not _owns_folder(path) and not all(_is_own(path / entry) for entry in entries)
        if entries and foreign and not shared:
            raise OverwriteRefusedError(
                f"le dossier « {path} » n'est pas vide et n'a pas été écrit par nec-network",
                before="choisissez un dossier vide",
                replacing="remplacer ses fichiers",
            )
        for name in names:
            target = path / name
            if target.exists() and not _is_own(target):
                raise _changed(target)
    _CLAIMED.set(_CLAIMED.get() | {os.path.abspath(path)})
    return path


def _atomic_write(path: Path, data: bytes) -> None:
    with _atomic(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[IO[bytes]]:
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"impossible d'écrire dans « {path.parent} » ({_describe(error)}).") from error
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
        os.chmod(temporary, _FILE_MODE)
        refuse_special(path)  # again just before the rename: the target may have changed meanwhile
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def open_output(path: str | Path, *, binary: bool = False) -> Iterator[Any]:
    """Open ``path`` for writing (UTF-8 text with ``newline=""``, or bytes): atomically, never through a link.

    The folder is created if needed. On success the temporary file replaces
    ``path``; on error (an exception in the block included) ``path`` is left as
    it was and the temporary file is removed. A file written into a marked
    folder is recorded in its marker. Raises :class:`OutputError` when ``path``
    is a folder, a link or a special file (always), or cannot be written.
    """
    path = Path(path)
    refuse_special(path)
    if path.is_dir():
        raise OutputError(f"« {path} » est un dossier : donnez un nom de fichier.")
    if _PROTECTED.get() and path.exists() and not _is_own(path):
        raise _changed(path)
    ensure_folder(path.parent)
    if os.path.abspath(path.parent) in _CLAIMED.get() and not _owns_folder(path.parent):
        _save_marker(path.parent, _marker(path.parent) or {})
    try:
        with _atomic(path) as raw:
            if binary:
                yield raw
            else:
                import io

                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # type: ignore[arg-type]
                yield text
                text.flush()
                text.detach()
    except OSError as error:
        raise OutputError(f"impossible d'écrire « {path} » ({_describe(error)}).") from error
    _record_digest(path)


def _record_digest(path: Path) -> None:
    """Record the file written at ``path`` in its folder's marker; the command line starts a
    marker where there is none. The digest is of the file as written: a writer that seeks
    back (a workbook's zip) changes bytes already written."""
    if path.name == MARKER:
        return
    document = _marker_document(path.parent)
    if document is None and not _RECORDING.get():
        return
    digest = _digest(path)
    if digest is None:
        return
    recorded, own_folder = document if document is not None else ({}, False)
    recorded[path.name] = digest
    _save_marker(path.parent, recorded, own_folder=own_folder)


def record_own_file(path: str | Path) -> None:
    """Record the file just written at ``path`` in its folder's marker, even outside the command
    line (a marker is started that does not claim the folder, as for a file written alone).

    The CSV writer calls it: the quotes it put before formula signs are recognised as its own
    when the file is read back (:func:`nec_network.tables.formulas.quoted_by_tool`).
    """
    path = Path(path)
    document = _marker_document(path.parent)
    recorded, own_folder = document if document is not None else ({}, False)
    digest = _digest(path)
    if digest is None or recorded.get(path.name) == digest:
        return
    recorded[path.name] = digest
    _save_marker(path.parent, recorded, own_folder=own_folder)


def write_output(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``path`` through :func:`open_output`. Returns the path."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open_output(path, binary=True) as stream:
        stream.write(data)
    return Path(path)
