"""The data·inclusion package's pydantic models as our adaptor uses them: a record checked field by
field, refused values set aside with a French message instead of failing the whole record."""

from __future__ import annotations

import difflib
import enum
import json
from typing import Any

import pydantic
from data_inclusion.schema import v1 as di

from nec_network.io._values import RowContext
from nec_network.io.report import Problem, Report
from nec_network.tables import cell_text, split_list
from nec_network.model import Actor
from nec_network.io.inclusion.correspondences import (
    EXTRA_PREFIX,
    _ENUM_FIELDS,
    _FIELD_MESSAGES,
    _LIST_FIELDS,
    _NUMERIC_FIELDS,
    _REQUIRED,
)


def _validated(
    model: type[pydantic.BaseModel], record: dict[str, Any], actor: Actor, problems: list[Problem], what: str
) -> dict[str, Any] | None:
    """``record`` as the model dumps it (lists sorted), dropping the optional fields the model refuses.

    A refused optional field is an ``avertissement`` (its value stays in the
    ``nec_`` keys); a refused required field is an ``erreur`` and the record is
    not written (None).
    """
    record = {key: value for key, value in record.items() if value is not None}
    while True:
        try:
            instance = model.model_validate(record)
            break
        except pydantic.ValidationError as error:
            errors = [item for item in error.errors() if item["loc"]]
            required = [item for item in errors if item["loc"][0] in _REQUIRED or item["loc"][0] not in record]
            for item in required:
                field = str(item["loc"][0])
                problems.append(Problem("erreur", f"{what} non écrite : {_field_message(field, item)}", actor.id,
                                        None, field, _as_text(record.get(field, "")),
                                        category="non_exporte" if what == "structure" else ""))
            if required or not errors:
                return None
            for field in sorted({str(item["loc"][0]) for item in errors}):
                problems.append(Problem("avertissement", f"{what} : valeur refusée par le schéma, non écrite",
                                        actor.id, None, field, _as_text(record.pop(field))))
    dumped = instance.model_dump(mode="json", exclude_none=True)
    for field in _LIST_FIELDS:
        if field in dumped and field != "zone_eligibilite":
            dumped[field] = sorted(dumped[field])
    # The model rewrites URLs (adds a trailing slash): write them as the actor has them.
    for field in ("site_web", "lien_mobilisation"):
        if field in dumped:
            dumped[field] = record[field]
    return dumped


def _validate(model: type[pydantic.BaseModel], record: dict[str, Any], ctx: RowContext,
              report: Report) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The values of ``record`` the model accepts, and those it refuses (field → texts), each refusal an ``erreur``.

    Enumerated lists are checked element by element, so one unknown thématique
    does not lose the others; an unknown value gets the closest valid one as
    suggestion. Lists come back as lists of strings, other values as they came.
    A missing field the schema requires (other than the identifiers) is an
    ``avertissement``; a name outside 3 to 150 characters too (we keep it).
    """
    prepared: dict[str, Any] = {}
    refused: dict[str, list[str]] = {}
    for key, value in record.items():
        key = str(key)
        if key.startswith(EXTRA_PREFIX) or value is None or value == "" or value == []:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and key not in _NUMERIC_FIELDS:
            value = str(value)
        if key not in _ENUM_FIELDS or key not in model.model_fields:
            prepared[key] = _items(value) if key in _LIST_FIELDS else value
            continue
        kept = []
        for item in _items(value) if key in _LIST_FIELDS else [_as_text(value)]:
            if _enum_value(_ENUM_FIELDS[key], item) is None:
                _refuse(ctx, report, key, item, _ENUM_FIELDS[key])
                refused.setdefault(key, []).append(item)
            else:
                kept.append(item)
        if key == "publics" and len(kept) > 1 and di.Public.TOUS_PUBLICS.value in kept:
            ctx.record(report, "avertissement", "« tous-publics » ne s'emploie pas avec d'autres publics : retiré",
                       column=key, value="|".join(kept))
            kept.remove(di.Public.TOUS_PUBLICS.value)
        if kept:
            prepared[key] = kept if key in _LIST_FIELDS else kept[0]
    try:
        model.model_validate(prepared)
    except pydantic.ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else ""
            if item["type"] == "missing":
                if field not in ("id", "nom", "structure_id"):
                    ctx.record(report, "avertissement", f"champ obligatoire de data·inclusion absent : {field}",
                               column=field)
            elif field == "nom":
                ctx.record(report, "avertissement", _field_message(field, item), column=field, value=prepared[field])
            elif field in prepared:
                value = prepared.pop(field)
                ctx.record(report, "erreur", f"{_field_message(field, item)} : « {_as_text(value)} »", column=field,
                           value=_as_text(value))
                refused.setdefault(field, []).extend(_items(value) if isinstance(value, list) else [_as_text(value)])
    return prepared, refused


def _items(value: Any) -> list[str]:
    """Elements of a list field: a JSON array, or text ``a|b``, ``a, b`` or ``{a,b}`` (CSV exports).

    >>> _items("{numerique--acquerir-un-equipement,jeunes}"), _items(["80021", 2691])
    (['numerique--acquerir-un-equipement', 'jeunes'], ['80021', '2691'])
    """
    if isinstance(value, (list, tuple, set)):
        return [text for item in value if (text := _as_text(item))]
    text = _as_text(value).strip().strip("[]{}")
    return [item.strip().strip("'\"") for item in split_list(text, "|,;") if item.strip().strip("'\"")]


def _enum_value(kind: type[enum.Enum], value: str) -> str | None:
    try:
        return str(kind(value).value)
    except ValueError:
        return None


def _refuse(ctx: RowContext, report: Report, field: str, value: str, kind: type[enum.Enum]) -> None:
    close = difflib.get_close_matches(value, [str(member.value) for member in kind], n=1, cutoff=0.6)
    ctx.record(report, "erreur", f"valeur inconnue du schéma data·inclusion pour « {field} » : « {value} »",
               column=field, value=value, suggestion=close[0] if close else None)


def _field_message(field: str, item: Any) -> str:
    if field in _FIELD_MESSAGES:
        return _FIELD_MESSAGES[field]
    kind = str(item.get("type", ""))
    if kind.startswith("string_too"):
        return f"{field} : longueur non admise"
    if "parsing" in kind or kind.endswith("_type"):
        return f"{field} : valeur d'un type non admis"
    return f"{field} : valeur refusée par le schéma data·inclusion"


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return "|".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float):
        return repr(value)
    return cell_text(value)
