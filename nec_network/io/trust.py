"""Trust signals in a read report: each actor's completeness and stale date, and the French line.

The rules (:data:`~nec_network.model.trust.RECOMMENDED_FIELDS`, :func:`~nec_network.model.trust.completeness`,
:func:`~nec_network.model.trust.is_stale`) live in :mod:`nec_network.model.trust`.
"""

from __future__ import annotations

import datetime as dt

from nec_network.model.trust import completeness_of, is_stale


def assess(ecosystem, report, today: dt.date | None = None) -> None:
    """Record each actor's completeness in ``report.completeness`` and its stale date in ``report.stale``.

    Stale entries are listed for review (summary and ``avertissements.csv``) without being
    counted as warnings: an old date is a reason to check, not an error of the file.
    """
    today = today or dt.date.today()
    actors = list(ecosystem)
    report.completeness.update(zip([actor.id for actor in actors], completeness_of(actors), strict=True))
    for actor in actors:
        if is_stale(actor, today):
            report.stale[actor.id] = actor.date_maj


def completeness_summary(ecosystem, scores: dict[str, float], *, limit: int = 5) -> str:
    """One French line: mean completeness and the least complete entries, to complete first."""
    from nec_network.wording import percent

    scores = {actor_id: score for actor_id, score in scores.items() if actor_id in ecosystem}
    if not scores:
        return ""
    mean = sum(scores.values()) / len(scores)
    lowest = sorted(scores, key=lambda actor_id: (scores[actor_id], actor_id))[:limit]
    names = ", ".join(f"{ecosystem[actor_id].nom} ({percent(scores[actor_id], 0)})" for actor_id in lowest)
    return (f"Complétude des fiches (champs recommandés du standard national) : {percent(mean, 0)} en "
            f"moyenne ; à compléter en priorité : {names}.")
