"""Real examples shown at the end of every ``nec-network COMMANDE --help`` (« Exemples »).

Each command has one or two lines a person can copy: they use the demo model written by
``nec-network template`` or ``nec-network demo`` and the names of the mappings shipped with
the package. A command registered without examples here fails ``tests/cli/test_help.py``.
"""

from __future__ import annotations

#: Command name → (what it does, command line) pairs.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "communes": (
        ("communes de la Somme, en CSV", "nec-network communes --departements 80 -o communes-80.csv"),
        ("communes d'une intercommunalité, en GeoJSON", "nec-network communes --epci 200071876 --format geojson"),
    ),
    "import": (
        ("réunir un modèle et la liste des France Services",
         "nec-network import mon-modele france-services.csv:france-services -o ecosysteme"),
        ("ajouter les réponses d'une enquête", "nec-network import ecosysteme reponses.csv:enquete -o ecosysteme-2"),
    ),
    "export": (
        ("au schéma national des lieux de médiation numérique",
         "nec-network export ecosysteme --vers mednum -o lieux.csv"),
        ("le réseau pour Gephi", "nec-network export ecosysteme --vers gexf -o reseau.gexf"),
    ),
    "validate": (
        ("vérifier un modèle avant de l'importer", "nec-network validate mon-modele"),
        ("vérifier un export avec sa correspondance", "nec-network validate france-services.csv:france-services"),
    ),
    "template": (
        ("un dossier de fichiers CSV à remplir", "nec-network template -o mon-modele"),
        ("un classeur à remplir", "nec-network template -o mon-modele.xlsx"),
    ),
    "geocode": (
        ("géocoder hors ligne (point de la commune)", "nec-network geocode mon-modele --hors-ligne -o mon-modele-geo"),
        ("géocoder en ligne et réécrire le modèle lu", "nec-network geocode mon-modele --sur-place"),
    ),
    "enquete": (
        ("la page d'enquête d'un événement",
         "nec-network enquete ecosysteme --contact reseau@exemple.fr -o enquete.html"),
        ("la vague « après » d'une rencontre, décrite dans evenements.csv",
         "nec-network enquete ecosysteme --evenement nec-2025 --vague enquete-2026 -o enquete.html"),
    ),
    "coverage": (
        ("couverture à 20 minutes en voiture", "nec-network coverage ecosysteme -o couverture.csv"),
        ("couverture d'un service à 15 km", "nec-network coverage ecosysteme --service \"Accès internet et matériel informatique\" --max-km 15 -o couverture.csv"),
    ),
    "gaps": (
        ("communes non couvertes de l'Aisne", "nec-network gaps ecosysteme --departements 02"),
        ("communes et zones blanches dans deux fichiers",
         "nec-network gaps ecosysteme -o non-couvertes.csv --zones-blanches zones.csv"),
    ),
    "recommend": (
        ("cinq sites à ouvrir", "nec-network recommend ecosysteme --sites 5 -o sites.csv"),
    ),
    "suggest": (
        ("partenariats à moins de 15 km", "nec-network suggest ecosysteme --max-km 15"),
    ),
    "preparer-evenement": (
        ("lieu, invitations et mises en relation dans la Somme",
         "nec-network preparer-evenement ecosysteme --departements 80 -o rencontre"),
    ),
    "evolution": (
        ("liens formés et terminés par trimestre", "nec-network evolution ecosysteme --periode trimestre -o evolution"),
    ),
    "journey": (
        ("le parcours d'un persona du modèle", "nec-network journey ecosysteme --persona Jeannine"),
    ),
    "analyse": (
        ("toutes les tables CSV", "nec-network analyse ecosysteme -o analyses"),
    ),
    "network": (
        ("le réseau coloré par communauté", "nec-network network ecosysteme --couleur communaute -o reseau.html"),
    ),
    "map": (
        ("la carte de la Somme", "nec-network map ecosysteme --departements 80 -o carte.html"),
        ("sans fond de carte ni réseau", "nec-network map ecosysteme --sans-fond -o carte.html"),
    ),
    "report": (
        ("le rapport (rapport.html et rapport.md)", "nec-network report ecosysteme -o rapport.html"),
    ),
    "site": (
        ("le site complet à publier", "nec-network site ecosysteme -o site"),
    ),
    "orientation": (
        ("la page pour les aidants", "nec-network orientation ecosysteme -o orienter.html"),
    ),
    "demo": (
        ("le site de démonstration dans maps/", "nec-network demo"),
        ("dans un autre dossier, sans fond de carte", "nec-network demo -o essai --sans-fond"),
    ),
}


def examples_text(command: str) -> str | None:
    """The « Exemples » section of ``command``'s help, or ``None`` if it has none.

    >>> print(examples_text("template"))
    Exemples :
      # un dossier de fichiers CSV à remplir
      nec-network template -o mon-modele
      # un classeur à remplir
      nec-network template -o mon-modele.xlsx
    """
    examples = EXAMPLES.get(command)
    if not examples:
        return None
    title = "Exemple :" if len(examples) == 1 else "Exemples :"
    lines = [title]
    for what, line in examples:
        lines += [f"  # {what}", f"  {line}"]
    return "\n".join(lines)
