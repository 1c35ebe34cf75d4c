/* sociale-kaart "Vandaag in het huis / nu open" and the "vandaag / nu open" line of each
   service: evaluates the schedule JSON embedded in the page (data-today on #sk-today,
   data-sk-hours on .sk-service-today, computed at build time) for the current date and time in
   Europe/Brussels. Runs again after each of Material's instant page changes (window.skOnPage, paginawissel.js).
   Loads nothing; without JavaScript the container keeps its link to the week overview. */
(function () {
  "use strict";

  // The current date ("2026-11-23"), weekday (Monday = 0) and time ("09:05") in Brussels.
  // Made once, when first needed: a formatter with a time zone is costly to make (it loads
  // the zone's rules), and every page change asks the time again.
  var clockFormat = null;

  function brusselsNow() {
    var parts = {};
    clockFormat = clockFormat || new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    clockFormat.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var iso = parts.year + "-" + parts.month + "-" + parts.day;
    return { iso: iso, time: parts.hour + ":" + parts.minute, date: isoDate(iso) };
  }

  function isoDate(iso) {
    var p = iso.split("-").map(Number);
    return new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  }

  function weekday(date) { return (date.getUTCDay() + 6) % 7; }

  function daysInMonth(date) {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  }

  // The nth (1..5) and "last" (-1) weekday of the month.
  function weekMatches(rule, date) {
    var day = date.getUTCDate();
    return rule.weeks.indexOf(Math.ceil(day / 7)) >= 0 ||
      (rule.weeks.indexOf(-1) >= 0 && day + 7 > daysInMonth(date));
  }

  // Every other week, counted in Monday-based weeks from the rule's start date.
  function otherWeekMatches(rule, date) {
    var start = isoDate(rule.start);
    if (date < start) { return false; }
    var monday = function (d) { return d.getTime() / 86400000 - weekday(d); };
    return ((monday(date) - monday(start)) / 7) % 2 === 0;
  }

  function ruleApplies(rule, iso, date) {
    if ((rule.from && iso < rule.from) || (rule.to && iso > rule.to)) { return false; }
    if (rule.days.indexOf(weekday(date)) < 0) { return false; }
    if (rule.repeat === "monthly") { return weekMatches(rule, date); }
    if (rule.repeat === "every_other_week") { return otherWeekMatches(rule, date); }
    return true;
  }

  // Today's time ranges of one service: an exception replaces the rules.
  function timesToday(service, now) {
    if (Object.prototype.hasOwnProperty.call(service.exceptions, now.iso)) {
      return service.exceptions[now.iso] || [];
    }
    var times = [];
    service.rules.forEach(function (rule) {
      if (ruleApplies(rule, now.iso, now.date)) { times = times.concat(rule.times); }
    });
    return times.sort();
  }

  function item(service, text) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = service.url;
    a.textContent = service.org + ": " + service.service;
    li.appendChild(a);
    li.appendChild(document.createTextNode(text));
    return li;
  }

  function list(items) {
    var ul = document.createElement("ul");
    items.forEach(function (li) { ul.appendChild(li); });
    return ul;
  }

  function paragraph(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) { p.className = cls; }
    return p;
  }

  function rangesText(times) {
    return times.map(function (t) { return t[0] + "–" + t[1]; }).join(" en ");
  }

  function openNow(times, now) {
    return times.some(function (t) { return t[0] <= now.time && now.time < t[1]; });
  }

  // The rendered parts for a day the house is open. Services without confirmed hours are
  // summed up once, below, by the page itself.
  function openDay(data, now, box) {
    var here = [];
    data.services.forEach(function (service) {
      if (service.rules === null) { return; }
      var times = timesToday(service, now);
      if (!times.length) { return; }
      var li = item(service, ", " + rangesText(times) + (openNow(times, now) ? " — nu open" : " — nu gesloten"));
      li.className = openNow(times, now) ? "sk-open" : "sk-shut";
      here.push(li);
    });
    box.appendChild(here.length ? list(here) : paragraph("Vandaag zijn er geen zitdagen of spreekuren met bevestigde uren."));
  }

  // A closure day: say so, and which sessions do not take place.
  function closedDay(data, now, box) {
    box.appendChild(paragraph("Vandaag is het huis gesloten (" + data.closed[now.iso] + ").", "sk-today-closed"));
    var off = data.services.filter(function (s) { return s.rules !== null && timesToday(s, now).length; });
    if (off.length) {
      box.appendChild(paragraph("Gaat vandaag niet door:"));
      box.appendChild(list(off.map(function (s) { return item(s, ""); })));
    }
  }

  function render() {
    var box = document.getElementById("sk-today");
    var now = box && box.querySelector(".sk-today-now");
    if (!now || !box.dataset.today) { return; }
    var data = JSON.parse(box.dataset.today);
    var clock = brusselsNow();
    if (clock.iso < data.from || clock.iso > data.to) { return; }  // data too old: keep the build's day
    now.textContent = "";
    now.appendChild(paragraph("Vandaag, " + dayText(clock.date) + ", " + clock.time + " uur:", "sk-today-when"));
    (data.closed[clock.iso] ? closedDay : openDay)(data, clock, now);
  }

  function isoOf(date) { return date.toISOString().slice(0, 10); }

  function dayText(date) {
    return date.toLocaleDateString("nl-BE", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  }

  // The first day after today with times, within the data: "dinsdag 1 december, 09:00–12:00".
  function nextTime(hours, now) {
    for (var step = 1; step <= 62; step++) {
      var date = new Date(now.date.getTime() + step * 86400000);
      var day = { iso: isoOf(date), date: date };
      if (day.iso > hours.to) { return null; }
      var times = hours.closed[day.iso] ? [] : timesToday(hours, day);
      if (times.length) { return dayText(date) + ", " + rangesText(times); }
    }
    return null;
  }

  // Whether a schedule (schedule_today's JSON) is open now ("nu"), today but not now ("vandaag"),
  // or neither (""): also when its data is too old to tell. Read by the open filters.
  function openState(hours, now) {
    if (now.iso < hours.from || now.iso > hours.to) { return ""; }
    var times = hours.closed[now.iso] ? [] : timesToday(hours, now);
    return !times.length ? "" : openNow(times, now) ? "nu" : "vandaag";
  }

  // One service's line: "Nu open: vandaag 09:00–12:00.", "Vandaag gesloten (Kerstmis).", ...
  function serviceLine(line, now) {
    var hours = JSON.parse(line.dataset.skHours);
    if (now.iso < hours.from || now.iso > hours.to) { return; }  // data too old: keep the text
    var times = hours.closed[now.iso] ? [] : timesToday(hours, now);
    var open = times.length && openNow(times, now);
    var text = hours.closed[now.iso] ? "Vandaag gesloten (" + hours.closed[now.iso] + ")."
      : !times.length ? "Vandaag niet open."
      : (open ? "Nu open" : "Nu gesloten") + ", vandaag " + rangesText(times) + ".";
    var next = times.length ? null : nextTime(hours, now);
    line.textContent = (line.dataset.where || "") + text + (next ? " Volgende keer: " + next + "." : "");
    line.className = "sk-service-today " + (open ? "sk-open" : "sk-shut");
    line.dataset.skOpen = openState(hours, now);  // read by the open filter
  }

  // "Vandaag open / nu open" on a list (a theme page): a service stays when one of its lines
  // says so; a line without known hours for today (unknown, stopped, old data) never does.
  function isOpen(state, want) {
    return state === "nu" || (want === "vandaag" && state === "vandaag");
  }

  function lineIsOpen(line, want) {
    return isOpen(line.dataset.skOpen, want);
  }

  function filterOpen(list, want) {
    var shown = 0;
    Array.prototype.forEach.call(list.querySelectorAll("[data-sk-open-item]"), function (item) {
      var any = false;
      Array.prototype.forEach.call(item.querySelectorAll(".sk-card-services > li"), function (li) {
        var keep = !want || Array.prototype.some.call(li.querySelectorAll(".sk-service-today"),
          function (line) { return lineIsOpen(line, want); });
        li.hidden = !keep;
        any = any || keep;
      });
      item.hidden = !any;
      shown += any ? 1 : 0;
    });
    var none = document.querySelector(".sk-open-none");
    if (none) {
      none.hidden = shown > 0 || !want;
      none.querySelector(".sk-open-when").textContent = want;
    }
  }

  function setupOpenFilter() {
    var box = document.querySelector(".sk-open-filter");
    var list = document.querySelector("[data-sk-open-list]");
    if (!box || !list || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    box.addEventListener("change", function (event) { filterOpen(list, event.target.value); });
    var chosen = box.querySelector("input:checked");  // kept by the browser on "back"
    if (chosen && chosen.value) { filterOpen(list, chosen.value); }
  }

  // Most pages (guides, lists of organisations) carry no hours: they do not ask the clock.
  function renderAll() {
    render();
    var lines = document.querySelectorAll(".sk-service-today[data-sk-hours]");
    var week = document.querySelector("[data-sk-date]");
    if (lines.length || week) {
      var now = brusselsNow();
      Array.prototype.forEach.call(lines, function (line) { serviceLine(line, now); });
      var today = week && document.querySelector('[data-sk-date="' + now.iso + '"]');  // on a week page
      if (today) { today.classList.add("sk-is-today"); }
    }
    setupOpenFilter();
  }

  // For meegeven.js's "Volgende data" at print time: the same reading of the same schedule JSON.
  window.skHours = { now: brusselsNow, timesOn: timesToday, rangesText: rangesText, isoOf: isoOf };
  // For the search page (zoeken.js): is any of these schedules open "vandaag" or "nu"?
  window.skAnyOpen = function (schedules, want) {
    var now = brusselsNow();
    return schedules.some(function (hours) { return isOpen(openState(hours, now), want); });
  };

  window.skOnPage(renderAll);  // this page and every instant page change (paginawissel.js)
})();
