"""Nothing overwritten without --force, no link followed, no half-written file."""

from __future__ import annotations

import json
import os

import pytest

from nec_network.cli import main
from nec_network.errors import OutputError, OverwriteRefusedError
from nec_network.io.output import MARKER, claim_file, claim_folder, open_output, protect_outputs, write_output


def test_a_claimed_folder_is_marked_with_what_was_written(tmp_path):
    folder = tmp_path / "sortie"
    with protect_outputs():
        claim_folder(folder, names=["a.csv"])
        assert not folder.exists()  # nothing is created before the first file
        write_output(folder / "a.csv", "x\r\n")
    recorded = json.loads((folder / MARKER).read_text(encoding="utf-8"))["fichiers"]
    assert list(recorded) == ["a.csv"]
    with protect_outputs():
        claim_folder(folder, names=["a.csv"])  # our own unchanged file: accepted
        write_output(folder / "a.csv", "y\r\n")
    (folder / "a.csv").write_text("modifié à la main", encoding="utf-8")
    with protect_outputs(), pytest.raises(OverwriteRefusedError, match="a été modifié depuis"):
        claim_folder(folder, names=["a.csv"])
    with protect_outputs(), pytest.raises(OutputError, match="modifié"):
        write_output(folder / "a.csv", "z")
    assert (folder / "a.csv").read_text(encoding="utf-8") == "modifié à la main"
    with protect_outputs(force=True):
        claim_folder(folder, names=["a.csv"], force=True)
        write_output(folder / "a.csv", "z")
    assert (folder / "a.csv").read_text(encoding="utf-8") == "z"


def test_a_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("à moi", encoding="utf-8")
    with pytest.raises(OverwriteRefusedError, match="n'est pas vide.*choisissez un dossier vide"):
        claim_folder(tmp_path, names=["a.csv"])
    claim_folder(tmp_path, names=["a.csv"], shared=True)  # new files beside, nothing replaced
    with pytest.raises(OverwriteRefusedError, match="notes.txt"):
        claim_folder(tmp_path, names=["notes.txt"], shared=True)


def test_an_existing_file_a_folder_or_a_path_under_a_file_are_refused(tmp_path):
    (tmp_path / "carte.html").write_text("à moi", encoding="utf-8")
    with pytest.raises(OverwriteRefusedError, match="existe déjà"):
        claim_file(tmp_path / "carte.html")
    claim_file(tmp_path / "carte.html", force=True)
    with pytest.raises(OutputError, match="est un dossier"):
        claim_file(tmp_path)
    with pytest.raises(OutputError, match="n'est pas un dossier"):
        claim_file(tmp_path / "carte.html" / "x.csv")
    with pytest.raises(OutputError, match="est un fichier"):
        claim_folder(tmp_path / "carte.html")


def test_a_link_is_never_replaced_nor_followed_even_forced(tmp_path):
    victim = tmp_path / "victime.txt"
    victim.write_text("intact", encoding="utf-8")
    link = tmp_path / "rejets.csv"
    link.symlink_to(victim)
    for claim in (lambda: claim_file(link), lambda: claim_file(link, force=True),
                  lambda: claim_folder(link, force=True), lambda: claim_folder(tmp_path, names=["rejets.csv"], force=True),
                  lambda: write_output(link, "nouveau")):
        with pytest.raises(OutputError, match="lien symbolique.*même en forçant") as caught:
            claim()
        assert not isinstance(caught.value, OverwriteRefusedError)  # forcing would not help
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "intact"


def test_a_special_file_is_never_replaced_even_forced(tmp_path):
    fifo = tmp_path / "tube.html"
    os.mkfifo(fifo)
    for claim in (lambda: claim_file(fifo, force=True), lambda: claim_folder(fifo, force=True),
                  lambda: claim_folder(tmp_path, names=["tube.html"], force=True)):
        with pytest.raises(OutputError, match="n'est pas un fichier ordinaire \\(tube nommé\\)"):
            claim()
    with protect_outputs(force=True), pytest.raises(OutputError, match="tube nommé"):
        write_output(fifo, "x")
    assert fifo.is_fifo()
    assert sorted(os.listdir(tmp_path)) == ["tube.html"]  # no temporary file left


def test_the_target_turned_special_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    path = tmp_path / "carte.html"
    with pytest.raises(OutputError, match="tube nommé"), open_output(path) as stream:
        stream.write("début")
        os.mkfifo(path)  # appears while the page is being written
    assert path.is_fifo() and sorted(os.listdir(tmp_path)) == ["carte.html"]


def test_a_new_folder_is_never_named_like_a_file(tmp_path):
    with pytest.raises(OutputError, match="nom de fichier \\(.xlsx\\).*sans extension"):
        claim_folder(tmp_path / "x.xlsx", force=True)
    (tmp_path / "existant.csv").mkdir()
    claim_folder(tmp_path / "existant.csv")  # a folder that already exists is what it is


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("ancien", encoding="utf-8")
    with pytest.raises(RuntimeError), open_output(path) as stream:
        stream.write("à moitié")
        raise RuntimeError("interrompu")
    assert path.read_text(encoding="utf-8") == "ancien"
    assert os.listdir(tmp_path) == ["table.csv"]


def test_library_messages_name_no_option_the_command_line_adds_force(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("à moi", encoding="utf-8")
    (tmp_path / "classeur.xlsx").write_text("à moi", encoding="utf-8")
    (tmp_path / "lien").symlink_to(tmp_path / "notes.txt")
    messages = []
    for claim in (lambda: claim_folder(tmp_path), lambda: claim_file(tmp_path / "classeur.xlsx")):
        with pytest.raises(OverwriteRefusedError) as caught:
            claim()
        messages.append(str(caught.value))
    assert not any("--" in message for message in messages)
    assert main(["template", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"Erreur : le dossier « {tmp_path} » n'est pas vide et n'a pas été écrit par nec-network : "
        "choisissez un dossier vide ou ajoutez --force pour remplacer ses fichiers.\n"
    )
    assert main(["template", "-o", str(tmp_path / "lien"), "--force"]) == 2
    assert capsys.readouterr().err == (
        f"Erreur : « {tmp_path / 'lien'} » est un lien symbolique : nec-network ne remplace jamais un lien, "
        "même en forçant ; donnez un autre chemin.\n"
    )
    assert main(["template", "-o", str(tmp_path / "classeur.xlsx")]) == 2
    assert capsys.readouterr().err == (
        f"Erreur : « {tmp_path / 'classeur.xlsx'} » existe déjà et n'a pas été écrit par nec-network : "
        "ajoutez --force pour le remplacer.\n"
    )


def test_template_over_a_filled_folder_is_refused_then_forced(tmp_path, capsys):
    folder = tmp_path / "modele"
    assert main(["template", "-o", str(folder)]) == 0
    filled = (folder / "acteurs.csv").read_bytes() + b"mon-acteur,Mon acteur" + b"," * 29 + b"\r\n"
    (folder / "acteurs.csv").write_bytes(filled)
    capsys.readouterr()
    assert main(["template", "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "acteurs.csv" in err
    assert (folder / "acteurs.csv").read_bytes() == filled
    assert main(["template", "-o", str(folder), "--force"]) == 0
    assert "mon-acteur" not in (folder / "acteurs.csv").read_text(encoding="utf-8")


def test_a_workbook_not_written_by_the_tool_is_kept(tmp_path, capsys):
    workbook = tmp_path / "classeur.xlsx"
    workbook.write_bytes(b"contenu d'un autre")
    assert main(["template", "-o", str(workbook)]) == 2
    assert "--force" in capsys.readouterr().err
    assert workbook.read_bytes() == b"contenu d'un autre"


def test_import_twice_into_its_own_folder_and_a_linked_rejections_file_refused(tmp_path, capsys):
    source = tmp_path / "modele"
    assert main(["template", "-o", str(source)]) == 0
    out = tmp_path / "importe"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert main(["import", str(source), "-o", str(out)]) == 0  # its own files, unchanged
    victim = tmp_path / "victime.txt"
    victim.write_text("intact", encoding="utf-8")
    (out / "rejets.csv").unlink()
    (out / "rejets.csv").symlink_to(victim)
    capsys.readouterr()
    for force in ([], ["--force"]):
        assert main(["import", str(source), "-o", str(out), *force]) == 2
        assert "rejets.csv" in (err := capsys.readouterr().err) and "lien symbolique" in err
    assert victim.read_text(encoding="utf-8") == "intact"
    assert (out / "rejets.csv").is_symlink()
