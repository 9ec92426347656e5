// The rule of nec_network.analysis.evolution.network_at, for the network page: is a
// partnership there on a given day? Dates come as the data writes them (« 2024 »,
// « 2024-03 », « 2024-03-15 »); days are ISO strings « AAAA-MM-JJ », compared as text.
// A partnership is there from the first day of its debut — no earlier than the first day of
// the event it was born at, when that event is dated — to the last day of its fin; without
// debut nor dated event it is undated, there at every date (unless undated ones are left out).
// No DOM here: tests run this file in Node against Python's answers (tests/views).
(function () {
  "use strict";
  var PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }
  function daysInMonth(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  function parts(text) {
    var match = PARTIAL.exec(text || "");
    if (!match) { return null; }
    return {year: Number(match[1]), month: match[2] ? Number(match[2]) : null, day: match[3] ? Number(match[3]) : null};
  }
  // The earliest day a partial date may denote (null for no date).
  function firstDay(text) {
    var p = parts(text);
    if (!p) { return null; }
    return pad(p.year, 4) + "-" + pad(p.month || 1, 2) + "-" + pad(p.day || 1, 2);
  }
  // The latest day a partial date may denote (null for no date).
  function lastDay(text) {
    var p = parts(text);
    if (!p) { return null; }
    var month = p.month || 12;
    return pad(p.year, 4) + "-" + pad(month, 2) + "-" + pad(p.day || daysInMonth(p.year, month), 2);
  }
  // The day before an ISO day.
  function dayBefore(day) {
    var p = parts(day);
    var date = new Date(Date.UTC(p.year, p.month - 1, p.day - 1));
    return pad(date.getUTCFullYear(), 4) + "-" + pad(date.getUTCMonth() + 1, 2) + "-" + pad(date.getUTCDate(), 2);
  }
  // [start, end] of a partnership ({debut, fin, evenement}); eventDays: Map event id → first day.
  function interval(link, eventDays) {
    var start = firstDay(link.debut);
    var eventDay = link.evenement && eventDays.has(link.evenement) ? eventDays.get(link.evenement) : null;
    if (eventDay !== null && (start === null || start < eventDay)) { start = eventDay; }
    return [start, lastDay(link.fin)];
  }
  function present(link, eventDays, day, includeUndated) {
    var span = interval(link, eventDays);
    if (span[0] === null && includeUndated === false) { return false; }
    return (span[0] === null || span[0] <= day) && (span[1] === null || day <= span[1]);
  }
  // A day typed the French way (« 30/06/2021 », « 1/7/2021 », « 30.06.2021 », « 30-06-2021 ») or
  // as ISO (« 2021-06-30 »): the ISO day, or null when it is no day of the calendar.
  var FRENCH = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
  var ISO = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
  function fromFrench(text) {
    var match = FRENCH.exec(text || ""), day, month, year;
    if (match) {
      day = Number(match[1]); month = Number(match[2]); year = Number(match[3]);
    } else if ((match = ISO.exec(text || ""))) {
      day = Number(match[3]); month = Number(match[2]); year = Number(match[1]);
    } else {
      return null;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) { return null; }
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }
  // An ISO day written « jj/mm/aaaa ».
  function toFrench(day) { return day.slice(8, 10) + "/" + day.slice(5, 7) + "/" + day.slice(0, 4); }
  var api = {firstDay: firstDay, lastDay: lastDay, dayBefore: dayBefore, interval: interval, present: present,
    fromFrench: fromFrench, toFrench: toFrench};
  if (typeof module === "object" && module.exports) { module.exports = api; } else { window.necTemps = api; }
})();
