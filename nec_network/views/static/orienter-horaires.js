/* « Où orienter ? » : opening hours, as nec_network.model.opening_hours reads them (public
 * holidays included). Second script of the page (see orienter-donnees.js). */
window.necOrienterScripts.parts.push(function (N) {
  'use strict';

  function easter(year) {
    var a = year % 19, b = Math.floor(year / 100), c = year % 100;
    var d = Math.floor(b / 4), e = b % 4, g = Math.floor((8 * b + 13) / 25);
    var h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
    var l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 19 * l) / 433);
    var month = Math.floor((h + l - 7 * m + 90) / 25), day = (h + l - 7 * m + 33 * month + 19) % 32;
    return new Date(year, month - 1, day);
  }
  function isPublicHoliday(date) {
    var key = (date.getMonth() + 1) + '-' + date.getDate();
    if (['1-1', '5-1', '5-8', '7-14', '8-15', '11-1', '11-11', '12-25'].indexOf(key) >= 0) { return true; }
    var base = easter(date.getFullYear());
    return [1, 39, 50].some(function (offset) {
      var day = new Date(base.getFullYear(), base.getMonth(), base.getDate() + offset);
      return day.getMonth() === date.getMonth() && day.getDate() === date.getDate();
    });
  }
  function dayHours(week, date) {
    if (week.feries && isPublicHoliday(date)) { return week.feries; }
    return week.jours[(date.getDay() + 6) % 7];
  }
  /* true, false, or null when the hours of that day are not known. */
  function openAt(week, when) {
    if (!week) { return null; }
    if (week.toujours) { return true; }
    var minute = when.getHours() * 60 + when.getMinutes();
    var today = dayHours(week, when);
    var yesterday = dayHours(week, new Date(when.getFullYear(), when.getMonth(), when.getDate() - 1));
    if (today.plages.some(function (s) { return s.debut <= minute && minute < s.fin; })) { return true; }
    if (yesterday.plages.some(function (s) { return s.fin > 1440 && minute < s.fin - 1440; })) { return true; }
    return today.connu ? false : null;
  }
  N.openAt = openAt;
  function frenchTime(minutes) {
    minutes = minutes % 1440;
    if (minutes === 0) { return 'minuit'; }
    return N.hoursText(minutes);
  }
  /* Same wording as nec_network.model.opening_hours.opening_status. */
  N.openingStatus = function (week, when) {
    if (!week) { return null; }
    if (week.toujours) { return 'ouvert maintenant'; }
    var now = when.getHours() * 60 + when.getMinutes();
    var today = dayHours(week, when);
    if (openAt(week, when)) {
      var span = today.plages.filter(function (s) { return s.debut <= now && now < s.fin; })[0];
      return 'ouvert maintenant' + (span ? ', jusqu\'à ' + frenchTime(span.fin) : '');
    }
    if (!today.connu) { return null; }
    var later = today.plages.filter(function (s) { return s.debut > now; });
    if (later.length) { return 'ouvert aujourd\'hui, à partir de ' + frenchTime(later[0].debut); }
    if (today.plages.length) { return 'fermé pour aujourd\'hui'; }
    return 'fermé aujourd\'hui' + (week.feries && isPublicHoliday(when) ? ' (jour férié)' : '');
  };
});
