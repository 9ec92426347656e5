"""The demo network as people meet it: names at load, focus on an actor, communities, the text
list, keyboard, phone and the accessibility audit. Screenshots: ``reseau*.png``."""

from __future__ import annotations

import pytest

from nec_network.demo import load_demo

STABLE = "window.necReseau && window.necReseau.stable"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
HUB = "France Services d'Amiens"


LABEL_BOXES = """() => necReseau.labelled().map(actor => {
    const id = necReseau.nodeId(actor), node = nodes.get(id);
    const p = network.canvasToDOM(network.getPositions([id])[id]);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '14px system-ui, sans-serif';
    const w = ctx.measureText(node.nom).width, size = network.getScale() * (node.size || 10);
    return {x: p.x - w / 2, r: p.x + w / 2, y: p.y + size, b: p.y + size + 16};
})"""


NAMED_BOXES = """(ids) => ids.map(id => {
    const node = nodes.get(id), p = network.canvasToDOM(network.getPositions([id])[id]);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '14px system-ui, sans-serif';
    const w = ctx.measureText(node.nom).width, size = network.getScale() * (node.size || 10);
    return {x: p.x - w / 2, r: p.x + w / 2, y: p.y + size, b: p.y + size + 16};
})"""


def assert_names_do_not_overlap(page, ids) -> None:
    boxes = page.evaluate(NAMED_BOXES, sorted(ids))
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not (a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"])


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_at_load_central_names_show_without_overlap_and_the_list_gives_every_actor(
    browser_page, demo_network, assert_no_serious_axe_violations, size
):
    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    demo = load_demo()
    assert page.evaluate("network.body.data.nodes.length") == len(demo)
    assert sorted(page.evaluate("nodes.get().map(n => n.acteur)")) == sorted(a.id for a in demo)
    labelled = page.evaluate("necReseau.labelled()")
    assert len(labelled) >= (5 if size is LAPTOP else 3)
    # The most central actor (highest degree) is always named.
    assert page.evaluate("nodes.get().sort((a, b) => a.rang - b.rang)[0].acteur") in labelled
    boxes = page.evaluate(LABEL_BOXES)
    width = page.evaluate("document.getElementById('reseau').clientWidth")
    assert all(box["x"] >= 0 and box["r"] <= width for box in boxes)  # none cut by the edge
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not (a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"])
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_serious_axe_violations(page)
    browser_page.screenshot("reseau" if size is LAPTOP else "reseau-telephone")
    # The list below gives every actor and its partners as text.
    items = page.locator("#liste-acteurs li")
    assert items.count() == len(demo)
    entry = items.filter(has=page.locator("strong", has_text=HUB)).first
    # Entries far from the screen are laid out only when they come near it (content-visibility):
    # brought into view, the entry's rendered text is read once it is laid out.
    entry.scroll_into_view_if_needed()
    page.wait_for_function("(item) => item.innerText.length > 0", arg=entry.element_handle())
    hub = entry.inner_text()
    assert hub.startswith(HUB)
    partners = {
        demo[link.cible if link.source == actor.id else link.source].nom
        for actor in demo if actor.nom == HUB
        for link in demo.partnerships if actor.id in (link.source, link.cible)
    }  # fmt: skip
    assert partners and all(name in hub for name in partners)
    page.click(".nec-lien-liste")
    assert page.evaluate("location.hash") == "#liste-acteurs"
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_clicking_or_choosing_an_actor_focuses_it_with_its_partners(browser_page, demo_network):
    browser_page.page.set_viewport_size(LAPTOP)
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    # A click on a node focuses it.
    target, actor = page.evaluate(
        "(n => [n.id, n.acteur])(nodes.get().sort((a, b) => a.rang - b.rang)[0])"
    )
    x, y = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const box = document.getElementById('reseau').getBoundingClientRect();
                     return [box.left + p.x, box.top + p.y]; }""",
        target,
    )
    page.mouse.click(x, y)
    assert page.evaluate("necReseau.focus") == actor
    assert page.locator("#nec-focus").is_visible()
    # So does its name chosen in the search.
    page.fill("#nec-recherche", HUB)
    page.press("#nec-recherche", "Enter")
    hub = page.evaluate(f"nodes.get().find(n => n.nom === {HUB!r}).id")
    partners = set(page.evaluate(f"network.getConnectedNodes({hub!r})"))
    assert partners
    state = page.evaluate(
        """(hub) => nodes.get().map(n => [n.id, n.label, n.color.background])"""
        , hub
    )
    for node_id, label, background in state:
        near = node_id == hub or node_id in partners
        assert not label or near, node_id  # only the actor and its partners are named
        assert (background == "#ececec") != near, node_id
    named = {node_id for node_id, label, _ in state if label}
    assert hub in named and len(named) >= 4
    assert_names_do_not_overlap(page, named)
    # Links elsewhere are dimmed and never labelled.
    connected = set(page.evaluate(f"network.getConnectedEdges({hub!r})"))
    for edge in page.evaluate("edges.get().map(e => [e.id, e.label, e.color.color || e.color])"):
        assert not edge[1] or edge[0] in connected
    panel = page.locator("#nec-focus")
    assert panel.is_visible() and panel.locator("h2").inner_text() == HUB
    buttons = panel.locator(".nec-partenaires button")
    assert buttons.count() == len(page.evaluate(f"network.getConnectedEdges({hub!r})"))
    assert "Orientation" in panel.inner_text()
    # The panel is audited with the brokers' view (test_the_brokers_and_bridges_view…).
    browser_page.screenshot("reseau-focus")
    # Keyboard: a partner's button focuses that partner; Escape shows the whole network again.
    buttons.first.focus()
    name = buttons.first.inner_text()
    page.keyboard.press("Enter")
    assert panel.locator("h2").inner_text() == name
    assert page.evaluate("document.activeElement.id") == "nec-focus"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("nodes.get().filter(n => n.color.background === '#ececec').length") == 0
    # The search folds hyphens and « Saint » like the orientation page.
    for typed in ("Médiathèque de St Quentin", "mediatheque de saint quentin"):
        chosen = page.evaluate("(typed) => nodes.get(necReseau.nodeId(necChercher(typed))).nom", typed)
        assert chosen == "Médiathèque de Saint-Quentin", typed
    assert browser_page.console_errors == []


def test_communities_fold_and_unfold(browser_page, demo_network):
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    communities = page.evaluate(
        "JSON.parse(document.getElementById('nec-donnees').textContent).communautes"
    )
    assert len(communities) >= 2
    page.click("#nec-communautes summary")
    first = page.locator("#nec-liste-communautes button").first
    first.click()
    number = communities[0]["numero"]
    assert page.evaluate(f"network.isCluster('communaute-{number}')") is True
    assert first.get_attribute("aria-pressed") == "true" and first.inner_text() == "Déplier"
    first.click()
    assert page.evaluate(f"network.body.nodes['communaute-{number}'] === undefined") is True
    page.click("#nec-tout-regrouper")
    assert page.evaluate("Object.keys(network.body.nodes).filter(id => network.isCluster(id)).length") == len(communities)
    page.click("#nec-tout-deplier")
    assert page.evaluate("Object.keys(network.body.nodes).filter(id => network.isCluster(id)).length") == 0
    assert browser_page.console_errors == []


def test_on_a_phone_the_panel_comes_first_and_every_control_is_44_pixels(browser_page, demo_network):
    browser_page.page.set_viewport_size(PHONE)
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    # The first screen holds the search and the drawing: filters and dates are folded.
    assert page.locator("#nec-reglages").get_attribute("open") is None
    assert page.locator("#reseau").bounding_box()["y"] < PHONE["height"] - 200
    page.fill("#nec-recherche", HUB)
    page.press("#nec-recherche", "Enter")
    panel = page.locator("#nec-focus")
    top = page.evaluate("document.getElementById('nec-focus').getBoundingClientRect().top")
    drawing = page.evaluate("document.getElementById('reseau').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] - 200 and top < drawing  # in sight, before the drawing
    assert panel.locator("h2").inner_text() == HUB
    named = page.evaluate("nodes.get().filter(n => n.label).map(n => n.id)")
    assert page.evaluate("necReseau.nodeId(necReseau.focus)") in named
    assert_names_do_not_overlap(page, named)
    page.click("#nec-reglages summary")
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             '.nec-entete button, .nec-entete select, .nec-entete input:not([type=checkbox]), .nec-entete summary,'
             + ' .nec-panneau button, .nec-panneau summary, .nec-lien-liste'))
           .filter(e => e.offsetParent !== null)
           .map(e => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
           .filter(pair => pair[1] < 44)"""
    )
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Settings unfolded and the panel open are audited with the brokers' view at this width.
    browser_page.screenshot("reseau-telephone-recherche")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_the_brokers_and_bridges_view_changes_the_drawing_and_the_list(
    browser_page, demo_network, assert_no_serious_axe_violations, size
):
    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    found = page.evaluate("JSON.parse(document.getElementById('nec-donnees').textContent).passeurs_ponts")
    assert len(found["passeurs"]) == 10 and found["coupures"] >= 1
    if size is PHONE:
        page.click("#nec-reglages summary")
    button = page.locator("#nec-vue-ponts")
    assert button.get_attribute("aria-pressed") == "false" and page.locator("#nec-legende-ponts").is_hidden()
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and page.locator("#nec-legende-ponts").is_visible()
    # The drawing: brokers with a thick black border, the others grey; bridges thick, the rest grey.
    thick = page.evaluate("nodes.get().filter(n => n.borderWidth === 5).map(n => necReseau.actorOf(n.id)).sort()")
    assert thick == sorted(b["acteur"] for b in found["passeurs"])
    assert page.evaluate("nodes.get().filter(n => n.borderWidth !== 5 && n.color.background !== '#ececec').length") == 0
    cuts = sorted(p["lien"] for p in found["ponts"] if p["nature"] == "coupure")
    assert page.evaluate("edges.get().filter(e => e.width === 5 && e.color.color === '#000000').map(e => e.id).sort()") == cuts
    across = page.evaluate("edges.get().filter(e => e.color.color === '#0072B2').length")
    assert across == len(found["ponts"]) - len(cuts)
    # The list says the same: « passeur n°1 » after the first broker, « pont » after partners.
    first = page.locator(f"#liste-acteurs li[data-acteur='{found['passeurs'][0]['acteur']}'] .nec-role")
    assert first.text_content().startswith(" — passeur n°1 : intermédiarité")
    marks = page.evaluate("Array.from(document.querySelectorAll('#liste-acteurs .nec-pont')).filter(s => s.textContent).length")
    assert marks == 2 * len(found["ponts"])  # each link under both its actors
    assert "10 principaux passeurs" in page.text_content("#nec-liste-ponts")
    assert "Passeurs et ponts" in page.inner_text("#nec-etat")
    browser_page.screenshot("reseau-ponts" if size is LAPTOP else "reseau-ponts-telephone")
    # One audit of everything a person can open at this width besides the page at load: this
    # view's legend and marks, the settings and an actor's panel (focus keeps the view on).
    page.fill("#nec-recherche", HUB)
    page.press("#nec-recherche", "Enter")
    assert page.locator("#nec-focus h2").inner_text() == HUB
    assert button.get_attribute("aria-pressed") == "true" and page.locator("#nec-legende-ponts").is_visible()
    assert_no_serious_axe_violations(page)
    page.click("#nec-focus-fermer")
    assert page.locator("#nec-focus").is_hidden()
    # A date chosen in the time control leaves the view; the list forgets its marks.
    page.fill("#nec-date", "30/06/2021")
    page.press("#nec-date", "Enter")
    assert button.get_attribute("aria-pressed") == "false" and page.text_content("#nec-liste-ponts") == ""
    assert page.evaluate("nodes.get().filter(n => n.borderWidth === 5).length") == 0
    # And back: the view shows every date again.
    button.click()
    assert page.evaluate("necReseau.temps.day") is None and button.get_attribute("aria-pressed") == "true"
    assert browser_page.console_errors == []
