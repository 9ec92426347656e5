// The survey's answers as text: the CSV file the page offers and the prefilled e-mail. No DOM
// here, so that the tests run these functions in Node against the Python rules they mirror:
// cells neutralised as nec_network.tables.formulas.neutralise_cell does (a spreadsheet never
// evaluates a name typed as "=..."), dates read as nec_network.model.dates.PartialDate reads a
// year or a month.
(function () {
  "use strict";
  var TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20";
  var SIGNED_NUMBER = /^[-+](?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

  // Same rule as neutralise_cell: text starting with a formula sign gets a leading quote; a
  // signed number stays; a cell already quoted before a sign gets one more quote.
  function neutralise(value) {
    var text = String(value);
    var rest = text.replace(/^'+/, "");
    if (!rest || TRIGGERS.indexOf(rest[0]) < 0) { return text; }
    if (text[0] !== "'" && SIGNED_NUMBER.test(text)) { return text; }
    return "'" + text;
  }

  function cell(value) {
    var text = neutralise(value === undefined || value === null ? "" : value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The CSV file: UTF-8 with a byte-order mark (spreadsheets then read the accents), comma,
  // CRLF, the columns given; each row is an object keyed by column.
  function csvText(columns, rows) {
    var lines = [columns.map(cell).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (column) { return cell(row[column]); }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  // "Since when": "2023", "2023-03", "03/2023" or "3/2023" → "2023" or "2023-03"; "" when
  // empty; null when it is not a year or a month (or month 13).
  function since(text) {
    var value = String(text || "").trim();
    if (!value) { return ""; }
    var match = /^(\d{4})$/.exec(value);
    if (match) { return Number(match[1]) >= 1 ? match[1] : null; }
    match = /^(\d{4})-(\d{1,2})$/.exec(value) || /^(\d{1,2})\/(\d{4})$/.exec(value);
    if (!match) { return null; }
    var year = match[1].length === 4 ? match[1] : match[2];
    var month = Number(match[1].length === 4 ? match[2] : match[1]);
    if (month < 1 || month > 12) { return null; }
    return year + "-" + (month < 10 ? "0" : "") + month;
  }

  // The mailto: link: subject and body encoded, the body being a sentence and the CSV text;
  // rows are dropped from the end until the link fits ``limit`` characters, and the body then
  // says how many are missing. Returns {href, kept, missing}.
  function mailto(contact, subject, intro, columns, rows, limit) {
    var kept = rows.length;
    function build(count) {
      var missing = rows.length - count;
      var note = missing ? "\n\n(" + missing + " partenaire" + (missing > 1 ? "s" : "") +
        " de plus : voir le fichier joint.)" : "";
      var body = intro + "\n\n" + csvText(columns, rows.slice(0, count)).replace(/^\ufeff/, "") + note;
      return "mailto:" + encodeURIComponent(contact).replace(/%40/g, "@") + "?subject=" +
        encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
    }
    var href = build(kept);
    while (href.length > limit && kept > 0) {
      kept -= 1;
      href = build(kept);
    }
    return {href: href, kept: kept, missing: rows.length - kept};
  }

  var api = {neutralise: neutralise, csvText: csvText, since: since, mailto: mailto};
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { window.necEnquete = api; }
})();
