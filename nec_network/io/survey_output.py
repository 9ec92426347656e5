"""What a survey's import writes beside the model and says: relations to check, actors to add, the balance."""

from __future__ import annotations

from pathlib import Path

from nec_network.io.csv_output import write_csv
from nec_network.io.survey_import import REVIEW_COLUMNS, SurveyImport, ToCheck, suggested_id
from nec_network.io.survey_names import UNKNOWN
from nec_network.io.template import ACTOR_COLUMNS
from nec_network.wording import percent, plural


def write_relations_to_check(result: SurveyImport, path: str | Path) -> None:
    """``relations-a-verifier.csv``: each relation with an end not surely matched, both matches and what to do."""
    write_csv(path, (_review_row(item) for item in result.to_check), columns=REVIEW_COLUMNS)


def _review_row(item: ToCheck) -> dict[str, object]:
    declaration, respondent, partner = item.declaration, item.respondent, item.partner
    unknown = [match.name for match in (respondent, partner) if match.status == UNKNOWN]
    if unknown:
        todo = (f"ajouter « {' », « '.join(unknown)} » (acteurs-a-ajouter.csv) ou corriger le nom, puis réimporter")
    else:
        todo = "confirmer l'acteur proposé (écrire son id dans partenaire_id ou repondant_id) ou corriger le nom"
    return {
        "fichier": declaration.file, "ligne": declaration.row,
        "repondant_ecrit": declaration.respondent, "repondant_id": respondent.actor_id,
        "repondant_score": respondent.score, "repondant_motif": respondent.reason,
        "partenaire_ecrit": declaration.partner, "partenaire_id": partner.actor_id,
        "partenaire_nom_connu": partner.actor_name, "partenaire_score": partner.score,
        "partenaire_motif": partner.reason, "type": declaration.type,
        "debut": "" if declaration.debut is None else str(declaration.debut),
        "fin": "" if declaration.fin is None else str(declaration.fin),
        "evenement": declaration.evenement, "a_faire": todo,
    }


def write_actors_to_add(result: SurveyImport, path: str | Path) -> None:
    """``acteurs-a-ajouter.csv``: the unknown names in the template's columns, an id proposed,
    who cited them in ``presentation``; once typology and place are filled, import it with the model."""
    taken = {actor.id for actor in result.ecosystem}
    rows = []
    for actor in result.unknown:
        new_id = suggested_id(actor.name, taken)
        taken.add(new_id)
        rows.append({"id": new_id, "nom": actor.name, "commune": actor.commune,
                     "presentation": f"Cité dans l'enquête par : {', '.join(actor.cited_by)} (à compléter)",
                     "source": "enquête"})
    write_csv(path, rows, columns=ACTOR_COLUMNS)


def survey_summary(result: SurveyImport, review_path: str | Path, new_actors_path: str | Path) -> list[str]:
    """French lines: the balance of relations, confirmations, names to check and add, response rates."""
    lines = [
        f"Enquête : {plural(result.responses, 'réponse lue', 'réponses lues')}, "
        f"{plural(result.relations_read, 'relation déclarée', 'relations déclarées')} = "
        f"{plural(result.kept, 'nouvelle', 'nouvelles')} + "
        f"{plural(result.merged, 'fusionnée', 'fusionnées')} avec un lien connu ou une autre réponse + "
        f"{len(result.to_check)} à vérifier + {plural(result.rejected, 'rejetée', 'rejetées')}.",
        f"Liens déclarés : {plural(result.confirmed, 'confirmé', 'confirmés')} par les deux structures, "
        f"{plural(result.one_sided, 'déclaré', 'déclarés')} d'un seul côté (« déclaré par … »).",
    ]
    if result.to_check:
        lines.append(f"{plural(len(result.to_check), 'relation', 'relations')} dont un nom n'est pas reconnu "
                     f"avec certitude : {review_path} (score et motif de chaque rapprochement).")
    if result.unknown:
        lines.append(f"{plural(len(result.unknown), 'structure inconnue', 'structures inconnues')} du modèle : "
                     f"{new_actors_path} (à compléter puis importer avec le modèle et les réponses).")
    reasons = [f"ligne {p.row} ({p.column}) : {p.message}" for p in result.report.rejections[:5]]
    if reasons:
        more = " …" if len(result.report.rejections) > 5 else ""
        lines.append(f"Rejets ({result.report.rejections[0].file}) : " + " ; ".join(reasons) + more)
    lines.extend(_rates("Taux de réponse par événement", result.rates_by_event))
    lines.extend(_rates("Taux de réponse par typologie", result.rates_by_typology))
    return lines


def _rates(title: str, rates) -> list[str]:  # noqa: ANN001
    parts = [f"{rate.label} {rate.answered}/{rate.actors} ({percent(rate.rate, 0)})"
             for rate in rates if rate.actors]
    return [f"{title} : " + ", ".join(parts) + "."] if parts else []
