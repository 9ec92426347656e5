// The map page, last of its scripts (see carte-outils.js): the controls go on the map, the view
// is fitted to the territory, then the markers are placed. window.necCarte holds everything its
// scripts share (data, helpers, popup builders, layers, controls): it is how they talk, not an
// interface (the browser tests and benchmarks read map, cluster, links, journeys and limits
// and call showActor from it).
(function (N) {
  "use strict";
  var map = N.map;

  N.search.addTo(map);
  N.home.addTo(map);
  L.control.scale({imperial: false, position: "bottomleft"}).addTo(map);
  N.legend.addTo(map);
  // Leaflet's own buttons and attribution are in English by default.
  var zoomIn = map.getContainer().querySelector(".leaflet-control-zoom-in");
  var zoomOut = map.getContainer().querySelector(".leaflet-control-zoom-out");
  if (zoomIn) { zoomIn.title = "Zoomer"; zoomIn.setAttribute("aria-label", "Zoomer"); }
  if (zoomOut) { zoomOut.title = "Dézoomer"; zoomOut.setAttribute("aria-label", "Dézoomer"); }
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');

  // A popup that would open under the controls of the top left corner (zoom, search, home:
  // a third of the map on a phone) opens below them instead, and scrolls when it is taller
  // than the room left, so that its first lines are never hidden.
  map.on("popupopen", function (e) {
    var box = map.getContainer().getBoundingClientRect();
    var corner = map.getContainer().querySelector(".leaflet-top.leaflet-left").getBoundingClientRect();
    var popup = e.popup.getElement().getBoundingClientRect();
    var options = e.popup.options;
    if (popup.left > corner.right || options.necFitted) { return; }
    var top = Math.ceil(corner.bottom - box.top) + 10;
    options.necFitted = true;
    options.autoPanPaddingTopLeft = [20, top];
    options.maxHeight = Math.max(120, Math.floor(box.height - top - 40));
    e.popup.update();
  });

  // The view is fitted once the controls are in place, and before clustering starts: a view
  // change while chunked loading is under way breaks Leaflet.markercluster.
  N.fitTerritory();
  // Last: the page is ready (data-nec-carte="prete") once every marker is placed.
  (N.clustered ? N.cluster : N.plain).addTo(map);
  N.placeMarkers();
})(window.necCarte);
