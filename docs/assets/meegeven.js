/* sociale-kaart "Meegeven": print one service on one sheet, send it, or keep services on a list
   for the client at the desk. The list lives in sessionStorage: only this tab, gone when the tab
   closes or on "Lijst wissen". The site sends nothing: "Versturen" opens the user's own share
   sheet, e-mail or text app with the text, and the user sends it. The list page (lijst/) shows, reorders and
   prints it, and draws it as one QR code whose address carries the list in its #fragment (a
   fragment never reaches a server). Runs again after each of Material's instant page changes.

   What is stored is data, never markup: the facts of a service as plain texts (read from its
   page with textContent), checked field by field when read back, and drawn with DOM methods.
   Anything else this origin's storage may hold (an older list, another page's writes) is
   skipped with a line on the list page, and "Lijst wissen" always clears it. */
(function () {
  "use strict";

  var KEY = "sociale-kaart-lijst";
  var VERSION = 2;
  var NEXT_ON_CARD = 3;  // dates on a card: the QR code leads to the rest
  var SVG = "http://www.w3.org/2000/svg";
  var ASSETS = document.currentScript.src.replace(/[^/]*$/, "");  // .../assets/
  var ROOT = ASSETS.replace(/assets\/$/, "");
  var SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var SLUG_PAIR = new RegExp("^" + SLUG + "/" + SLUG + "$");
  var PLACE_ID = new RegExp("^(?:" + SLUG + ")?$");

  // ---- the list in this tab ----

  function stored() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  // The stored list as {items, skipped}: only items of this version whose every field checks out.
  function load() {
    var raw = stored();
    if (raw === null) { return { items: [], skipped: 0 }; }
    var parsed;
    try { parsed = JSON.parse(raw); } catch (e) { return { items: [], skipped: 1 }; }
    if (!Array.isArray(parsed)) { return { items: [], skipped: 1 }; }
    var items = parsed.filter(validItem);
    return { items: items, skipped: parsed.length - items.length };
  }

  function save(items) {
    try {
      if (items.length) { window.sessionStorage.setItem(KEY, JSON.stringify(items)); }
      else { window.sessionStorage.removeItem(KEY); }
    } catch (e) { /* storage refused (private mode): the list lasts as long as the page */ }
    showBadge(items);
  }

  function indexOf(items, key) {
    for (var i = 0; i < items.length; i++) { if (items[i].key === key) { return i; } }
    return -1;
  }

  // ---- checking what storage gave back ----

  function isText(value, max) { return typeof value === "string" && value.length <= (max || 2000); }

  function isTexts(value) {
    return Array.isArray(value) && value.length <= 60 && value.every(function (v) { return isText(v); });
  }

  function isPairs(value) {
    return Array.isArray(value) && value.length <= 30 && value.every(function (pair) {
      return Array.isArray(pair) && pair.length === 2 && isText(pair[0], 200) && isText(pair[1]);
    });
  }

  function isPlace(place) {
    return place !== null && typeof place === "object" && isText(place.id, 100) && PLACE_ID.test(place.id) &&
      isText(place.where) && isTexts(place.hours) && isTexts(place.next) && isText(place.transport) &&
      isText(place.accessTitle, 300) && isPairs(place.access) &&
      (place.schedule === null || (typeof place.schedule === "object" && !Array.isArray(place.schedule)));
  }

  function validItem(item) {
    return item !== null && typeof item === "object" && item.v === VERSION &&
      isText(item.key, 200) && SLUG_PAIR.test(item.key) && isText(item.title, 500) && isText(item.note, 120) &&
      isText(item.org, 300) && isText(item.contact, 1000) && (item.age === undefined || isText(item.age, 300)) && isText(item.service, 300) &&
      isText(item.description) && isPairs(item.facts) && isTexts(item.hours) && isText(item.unknown) &&
      Array.isArray(item.places) && item.places.length <= 20 && item.places.every(isPlace);
  }

  // ---- a service, read from its page as plain texts ----

  function textOf(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function textsOf(root, selector) {
    return Array.prototype.map.call(root.querySelectorAll(selector), textOf).filter(Boolean);
  }

  // A definition list as [label, text] pairs; a list inside a <dd> becomes "a; b".
  function pairsOf(dl) {
    if (!dl) { return []; }
    return Array.prototype.filter.call(dl.querySelectorAll("dt"), function (dt) {
      return !dt.classList.contains("sk-unknown-fact") && !dt.classList.contains("sk-fact-none");
    }).map(function (dt) {
      var dd = dt.nextElementSibling;
      var items = dd ? textsOf(dd, "li") : [];
      return [textOf(dt), items.length ? items.join("; ") : textOf(dd)];
    });
  }

  function hoursOf(root) {
    return textsOf(root, ":scope > ul.sk-hours > li, :scope > ul.sk-exceptions > li, :scope > p.sk-unknown:not(.sk-unknown-hours)");
  }

  function scheduleOf(section, placeId) {
    var line = section.querySelector('.sk-service-today[data-sk-hours][data-sk-place="' + placeId + '"]');
    if (!line) { return null; }
    try { return JSON.parse(line.getAttribute("data-sk-hours")); } catch (e) { return null; }
  }

  // The known parts of a building's accessibility, in short words: [["rolstoel", "ja"], ...].
  function accessOf(place) {
    var found = [];
    place.querySelectorAll(".sk-accessibility dt[data-sk-short]").forEach(function (dt) {
      var dd = dt.nextElementSibling;
      if (dd && !dd.classList.contains("sk-level-unknown")) { found.push([dt.getAttribute("data-sk-short"), textOf(dd)]); }
    });
    return found;
  }

  function placeOf(section, place) {
    var id = place.getAttribute("data-sk-place") || "";
    return {
      id: id,
      where: textOf(place.querySelector(".sk-where")).replace(/^Waar:\s*/, ""),
      hours: hoursOf(place),
      next: textsOf(place, ".sk-next > li"),
      transport: textOf(place.querySelector(".sk-transport")).replace(/^Bereikbaarheid:\s*/, ""),
      accessTitle: textOf(place.querySelector(".sk-accessibility > summary")),
      access: accessOf(place),
      schedule: scheduleOf(section, id)
    };
  }

  function snapshot(section, handout) {
    return {
      v: VERSION,
      key: handout.getAttribute("data-sk-key"),
      title: handout.getAttribute("data-sk-title"),
      note: "",
      org: textOf(section.querySelector(".sk-sheet-org")),
      contact: textOf(section.querySelector(".sk-sheet-contact")),
      age: textOf(section.querySelector(".sk-sheet-age")),
      service: textOf(section.querySelector("h2")),
      description: textOf(section.querySelector(".sk-service-text")),
      facts: pairsOf(section.querySelector("dl.sk-facts")),
      hours: hoursOf(section),
      unknown: textOf(section.querySelector(".sk-unknown-line")),
      places: Array.prototype.map.call(section.querySelectorAll(".sk-place"), function (place) {
        return placeOf(section, place);
      })
    };
  }

  function serviceUrl(key) {
    var parts = key.split("/");
    return ROOT + "organisaties/" + parts[0] + "/#" + parts[1];
  }

  // ---- "Volgende data" for the day it is printed, from the schedule JSON of vandaag.js ----

  function dateText(date) {
    return date.toLocaleDateString("nl-BE", {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
  }

  // The next `count` days with a session from today on, closure days included so that readers see
  // why; within the schedule's data only. Unknown hours have no schedule, so never a date.
  function nextDates(schedule, count) {
    var hours = window.skHours;
    var today = hours.now();
    var found = [];
    if (today.iso < schedule.from || today.iso > schedule.to) { return null; }  // too old: keep the build's
    for (var step = 0; step <= 366 && found.length < count; step++) {
      var date = new Date(today.date.getTime() + step * 86400000);
      var day = { iso: hours.isoOf(date), date: date };
      if (day.iso > schedule.to) { break; }
      var times = hours.timesOn({ rules: schedule.rules, exceptions: {} }, day);
      var other = Object.prototype.hasOwnProperty.call(schedule.exceptions, day.iso);
      if (other && schedule.exceptions[day.iso] === null) { if (times.length) { found.push(dateText(date) + ": gesloten"); } }
      else if (schedule.closed[day.iso] && (times.length || other)) {
        found.push(dateText(date) + ": gesloten (" + schedule.closed[day.iso] + ")");
      }
      else {
        times = other ? schedule.exceptions[day.iso] : times;
        if (times.length) { found.push(dateText(date) + ", " + hours.rangesText(times)); }
      }
    }
    return found;
  }

  // The computed dates, or null when the schedule cannot be read (then the stored ones stand).
  function nextDatesOf(schedule, count) {
    if (!schedule || !window.skHours) { return null; }
    try { return nextDates(schedule, count); } catch (e) { return null; }
  }

  // On an organisation page: each place's dates as of today, drawn again right before printing.
  function refreshNextDates() {
    document.querySelectorAll(".sk-service .sk-place[data-sk-place]").forEach(function (place) {
      var list = place.querySelector("ul.sk-next");
      var section = place.closest(".sk-service");
      var dates = list && nextDatesOf(scheduleOf(section, place.getAttribute("data-sk-place")), list.children.length || 5);
      if (!dates) { return; }
      list.textContent = "";
      dates.forEach(function (text) { list.appendChild(element("li", null, text)); });
    });
  }

  // ---- "Lijst (n)": on every page but the list itself, once the list has something ----

  function showBadge(items) {
    var badge = document.querySelector(".sk-list-badge");
    if (!badge) {
      badge = document.createElement("a");
      badge.className = "sk-list-badge";
      badge.href = ROOT + "lijst/";
      document.body.insertBefore(badge, document.body.firstChild);
    }
    badge.textContent = "Lijst (" + items.length + ")";
    badge.hidden = !items.length || !!document.querySelector("[data-sk-list]");
  }

  // ---- buttons on a service ----

  function setupService(handout) {
    var section = handout.closest("section");
    var buttons = handout.querySelector(".sk-handout-buttons");
    if (!section || !buttons || !buttons.hidden) { return; }
    var keep = buttons.querySelector("[data-sk-do=keep]");
    var key = handout.getAttribute("data-sk-key");
    var mark = function () {
      var kept = indexOf(load().items, key) >= 0;
      keep.setAttribute("aria-pressed", String(kept));  // the label stays; CSS adds a check mark
    };
    buttons.querySelector("[data-sk-do=print]").addEventListener("click", function () { printOne(section); });
    var sendButton = buttons.querySelector("[data-sk-do=send]");
    sendButton.addEventListener("click", function () {
      var item = snapshot(section, handout);
      send(handout.querySelector(".sk-send"), sendButton, item.title, serviceText(item));
    });
    keep.addEventListener("click", function () {
      var items = load().items;
      var at = indexOf(items, key);
      if (at >= 0) { items.splice(at, 1); } else { items.push(snapshot(section, handout)); }
      save(items);
      mark();
    });
    mark();
    buttons.hidden = false;
  }

  // Print only this service: the print style sheet shows the target and hides the rest.
  function printOne(section) {
    var root = document.documentElement;
    root.classList.add("sk-print-one");
    section.classList.add("sk-print-target");
    window.addEventListener("afterprint", function done() {
      root.classList.remove("sk-print-one");
      section.classList.remove("sk-print-target");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  // ---- drawing with DOM methods ----

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }

  // <p><strong>Label:</strong> text</p>
  function labelled(className, label, text) {
    var p = element("p", className);
    p.appendChild(element("strong", null, label + ":"));
    p.appendChild(document.createTextNode(" " + text));
    return p;
  }

  var waiting = null;  // callbacks while the QR encoder loads (once per page)

  function withEncoder(then) {
    if (window.qrcode) { then(window.qrcode); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var script = document.createElement("script");
    script.src = ASSETS + "vendor/qrcode-generator.js";
    script.addEventListener("load", function () {
      var callbacks = waiting;
      waiting = null;
      callbacks.forEach(function (fn) { fn(window.qrcode); });
    });
    document.head.appendChild(script);
  }

  // A QR code of `text` as an SVG element: one path, a rectangle per run of dark modules in a
  // row, and a quiet zone of 4 modules.
  function qrSvg(qrcode, text, className) {
    var code = qrcode(0, "M");
    code.addData(text);
    code.make();
    var count = code.getModuleCount();
    var steps = [];
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        var run = 0;
        while (col + run < count && code.isDark(row, col + run)) { run++; }
        if (run) { steps.push("M" + (col + 4) + " " + (row + 4) + "h" + run + "v1h-" + run + "z"); }
        col += run;
      }
    }
    var size = String(count + 8);
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", className);
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("aria-hidden", "true");
    var back = document.createElementNS(SVG, "rect");
    back.setAttribute("width", size);
    back.setAttribute("height", size);
    back.setAttribute("fill", "#fff");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", steps.join(""));
    path.setAttribute("fill", "#000");
    svg.append(back, path);
    return svg;
  }

  // ---- "Versturen": the phone's own share sheet, else an e-mail or a text message ----
  // Nothing is sent by this site: the user's own app opens with the text, and the user sends it.

  function serviceText(item) {
    var lines = [item.title];
    if (!item.places.length && item.hours.length) { lines.push("Wanneer: " + item.hours.join(" · ")); }
    item.places.forEach(function (place) {
      var next = nextDatesOf(place.schedule, NEXT_ON_CARD) || place.next.slice(0, NEXT_ON_CARD);
      if (place.where) { lines.push("Waar: " + place.where); }
      if (next.length) { lines.push("Volgende data: " + next.join(" · ")); }
      else if (place.hours.length) { lines.push("Wanneer: " + place.hours.join(" · ")); }
    });
    if (item.note) { lines.push("Notitie: " + item.note); }
    lines.push(serviceUrl(item.key));
    return lines.join("\n");
  }

  function listText(items) {
    var parts = items.map(serviceText);
    parts.push("De hele lijst: " + window.location.origin + window.location.pathname + fragment(items));
    return parts.join("\n\n");
  }

  function sendLink(label, href) {
    var a = element("a", "md-button", label);
    a.href = href;
    return a;
  }

  // Links whose every part is encoded: a text cannot add a header (cc, bcc) or end the address.
  function showSendLinks(panel, toggle, subject, text) {
    panel.textContent = "";
    panel.appendChild(element("p", null, "Kies hoe. Uw e-mail- of berichten-app opent met de tekst; u kiest zelf naar wie. Er vertrekt niets tot u zelf verstuurt."));
    var links = element("p", "sk-send-links");
    links.append(sendLink("Per e-mail", "mailto:?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(text)),
                 document.createTextNode(" "), sendLink("Per sms", "sms:?body=" + encodeURIComponent(text)));
    panel.appendChild(links);
    var open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  }

  function send(panel, toggle, subject, text) {
    if (typeof navigator.share !== "function") { showSendLinks(panel, toggle, subject, text); return; }
    navigator.share({ title: subject, text: text }).catch(function (error) {
      if (!error || error.name !== "AbortError") { showSendLinks(panel, toggle, subject, text); }
    });
  }

  // ---- the list page: one card per kept service ----

  function sheetOf(item) {
    var sheet = element("div", "sk-sheet");
    sheet.appendChild(element("p", "sk-sheet-org", item.org));
    if (item.contact) { sheet.appendChild(element("p", "sk-sheet-contact", item.contact)); }
    if (item.age) { sheet.appendChild(element("p", "sk-sheet-age", item.age)); }  // "volgens een bron uit …"
    var link = element("p", "sk-sheet-url");
    var address = serviceUrl(item.key);
    var label = element("span", null, "Alles over deze dienst, met de nieuwste uren: " + address);
    link.appendChild(label);
    withEncoder(function (qrcode) { link.insertBefore(qrSvg(qrcode, address, "sk-qr"), label); });
    sheet.appendChild(link);
    return sheet;
  }

  function factsOf(pairs) {
    var dl = element("dl", "sk-facts");
    pairs.forEach(function (pair) {
      var row = element("div");
      row.appendChild(element("dt", null, pair[0] + (/[?:]$/.test(pair[0]) ? " " : ": ")));
      row.appendChild(element("dd", null, pair[1]));
      dl.appendChild(row);
    });
    return dl;
  }

  // Where, then when: the next dates where there are some (the rules behind them stay on the
  // page the QR code opens), else the rules. How to get to the building is said once per list.
  function placeCard(place) {
    var box = element("div", "sk-place");
    if (place.where) { box.appendChild(labelled("sk-where", "Waar", place.where)); }
    var next = nextDatesOf(place.schedule, NEXT_ON_CARD) || place.next.slice(0, NEXT_ON_CARD);
    if (next.length) {
      box.appendChild(labelled("sk-next-line", "Volgende data", next.join(" · ")));
    } else if (place.hours.length) {
      box.appendChild(labelled("sk-when", "Wanneer", place.hours.join(" · ")));
    }
    return box;
  }

  // The organisation, the service and how to reach them beside the QR code of its page; what the
  // service is; where and when first, then its facts; the unknown last.
  function card(item) {
    var box = element("div", "sk-list-card");
    var sheet = sheetOf(item);
    sheet.insertBefore(element("h2", null, item.service || item.title), sheet.children[1] || null);
    box.appendChild(sheet);
    var note = element("p", "sk-list-note", item.note ? "Notitie: " + item.note : "");
    note.hidden = !item.note;
    box.appendChild(note);
    if (item.description) { box.appendChild(element("p", "sk-service-text", item.description)); }
    var body = element("div", "sk-card-body");
    if (item.hours.length) { body.appendChild(labelled("sk-when", "Wanneer", item.hours.join(" · "))); }
    item.places.forEach(function (place) { body.appendChild(placeCard(place)); });
    if (item.facts.length) { body.appendChild(factsOf(item.facts)); }
    if (item.unknown) { body.appendChild(element("p", "sk-unknown-line", item.unknown)); }
    box.appendChild(body);
    return box;
  }

  // "Hoe komt u er?": each building of the list once, with how to get there and what is known
  // of its accessibility.
  function buildings(items) {
    var seen = {};
    var found = [];
    items.forEach(function (item) {
      item.places.forEach(function (place) {
        if (!place.id || seen[place.id] || !(place.transport || place.access.length)) { return; }
        seen[place.id] = true;
        found.push(place);
      });
    });
    return found;
  }

  function drawBuildings(view, items) {
    var box = view.querySelector(".sk-list-buildings");
    var found = buildings(items);
    box.hidden = !found.length;
    var ul = box.querySelector("ul");
    ul.textContent = "";
    found.forEach(function (place) {
      var li = element("li");
      li.appendChild(element("strong", null, place.accessTitle.replace(/^Toegankelijkheid van\s*/, "") || place.where));
      if (place.transport) { li.appendChild(document.createTextNode(": " + place.transport)); }
      if (place.access.length) {
        var access = place.access.map(function (pair) { return pair[0] + " " + pair[1]; }).join(" · ");
        li.appendChild(document.createTextNode(" Toegankelijkheid: " + access + "."));
      }
      ul.appendChild(li);
    });
  }

  function button(label, action, index, title) {
    var b = element("button", "md-button sk-list-button", label);
    b.type = "button";
    b.setAttribute("data-sk-do", action);
    b.setAttribute("data-sk-index", String(index));
    b.setAttribute("aria-label", label + ": " + title);
    return b;
  }

  function tools(item, index, count) {
    var box = element("div", "sk-list-tools");
    var id = "sk-note-" + index;
    var label = element("label", null, "Notitie (bv. vraag naar Ahmed)");
    label.htmlFor = id;
    var input = element("input");
    input.type = "text";
    input.id = id;
    input.value = item.note;
    input.setAttribute("data-sk-index", String(index));
    box.append(label, input);
    if (index > 0) { box.appendChild(button("Omhoog", "up", index, item.title)); }
    if (index < count - 1) { box.appendChild(button("Omlaag", "down", index, item.title)); }
    box.appendChild(button("Verwijder", "remove", index, item.title));
    return box;
  }

  function listItem(item, index, count) {
    var li = element("li", "sk-list-item");
    li.append(card(item), tools(item, index, count));
    return li;
  }

  function skippedText(count) {
    return (count === 1 ? "Eén dienst op deze lijst is" : count + " diensten op deze lijst zijn") +
      " in een oudere of onbekende vorm bewaard en worden niet getoond. Kies die dienst opnieuw bij de organisatie, of wis de lijst.";
  }

  function drawList(view, focus) {
    var list = load();
    var items = list.items;
    var ol = view.querySelector(".sk-list-items");
    ol.textContent = "";
    items.forEach(function (item, i) { ol.appendChild(listItem(item, i, items.length)); });
    drawBuildings(view, items);
    var skipped = view.querySelector(".sk-list-skipped");
    skipped.textContent = list.skipped ? skippedText(list.skipped) : "";
    skipped.hidden = !list.skipped;
    view.querySelector(".sk-list-empty").hidden = items.length > 0;
    view.querySelector(".sk-list-actions").hidden = !items.length && !list.skipped;
    view.querySelector("[data-sk-do=print-list]").hidden = !items.length;
    view.querySelector("[data-sk-do=show-qr]").hidden = !items.length;
    view.querySelector("[data-sk-do=send]").hidden = !items.length;
    if (!items.length) { view.querySelector(".sk-send").hidden = true; }
    view.querySelector(".sk-list-head").hidden = !items.length;
    if (!items.length) { view.querySelector(".sk-list-phone").hidden = true; }
    if (items.length) { drawListQr(view, items); }
    if (focus) { placeFocus(view, ol, focus); }
  }

  function placeFocus(view, ol, focus) {
    var at = function (action) {
      return ol.querySelector('[data-sk-do="' + action + '"][data-sk-index="' + focus.index + '"]');
    };
    var target = at(focus.action) || at(focus.action === "up" ? "down" : "up") || at("remove") || view.querySelector("h1");
    if (target.tagName === "H1") { target.tabIndex = -1; }
    target.focus();
  }

  // The list as an address: ?d=org/service&t=title&n=note, repeated, after '#'.
  function fragment(items) {
    var params = new URLSearchParams();
    items.forEach(function (item) {
      params.append("d", item.key);
      params.append("t", item.title);
      if (item.note) { params.append("n", item.note); }
    });
    return "#" + params.toString();
  }

  // Titles and notes belong to the service named before them; those of a refused name are dropped.
  function fromFragment(hash) {
    var items = [];
    var current = null;
    new URLSearchParams(hash.replace(/^#/, "")).forEach(function (value, name) {
      if (name === "d") {
        current = SLUG_PAIR.test(value) ? { key: value, title: value, note: "" } : null;
        if (current) { items.push(current); }
      }
      else if (name === "t" && current) { current.title = value.slice(0, 500); }
      else if (name === "n" && current) { current.note = value.slice(0, 120); }
    });
    return items;
  }

  // The list's address as a QR code: on screen under "QR-code", on paper in the header.
  function drawListQr(view, items) {
    var address = window.location.origin + window.location.pathname + fragment(items);
    view.querySelector(".sk-list-link").href = address;
    withEncoder(function (qrcode) {
      [".sk-list-qr", ".sk-list-head-qr"].forEach(function (selector) {
        var box = view.querySelector(selector);
        box.textContent = "";
        try {
          box.appendChild(qrSvg(qrcode, address, "sk-list-qr-code"));
        } catch (e) {
          box.textContent = "De lijst is te lang voor één QR-code. Druk de lijst af of maak ze korter.";
        }
      });
    });
  }

  function toggleQr(view) {
    var toggle = view.querySelector("[data-sk-do=show-qr]");
    var panel = view.querySelector(".sk-list-phone");
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) { panel.querySelector("h2").tabIndex = -1; panel.querySelector("h2").focus(); }
  }

  // On the citizen's phone: the list from the address, read only; nothing stored.
  function drawPhoneView(view, items) {
    view.querySelector("h1").textContent = "Uw lijst van diensten";
    view.querySelector(".sk-list-privacy").hidden = true;
    view.querySelector(".sk-list-mine").hidden = false;
    ["sk-list-actions", "sk-list-send", "sk-list-skipped", "sk-list-empty", "sk-list-phone", "sk-list-head", "sk-list-buildings"].forEach(function (name) {
      view.querySelector("." + name).hidden = true;
    });
    var ol = view.querySelector(".sk-list-items");
    ol.textContent = "";
    items.forEach(function (item) {
      var li = element("li", "sk-list-item sk-list-phone-item");
      var link = element("a", null, item.title);
      link.href = serviceUrl(item.key);
      li.appendChild(element("p", "sk-list-title")).appendChild(link);
      if (item.note) { li.appendChild(element("p", "sk-list-note", "Notitie: " + item.note)); }
      ol.appendChild(li);
    });
  }

  function act(view, action, index) {
    if (action === "clear") { save([]); drawList(view, { action: "none", index: -1 }); return; }
    if (action === "print-list") { window.print(); return; }
    if (action === "show-qr") { toggleQr(view); return; }
    if (action === "send") {
      var list = load().items;
      send(view.querySelector(".sk-send"), view.querySelector("[data-sk-do=send]"), "Voor u meegegeven", listText(list));
      return;
    }
    var items = load().items;
    if (!items[index]) { return; }
    var to = action === "up" ? index - 1 : action === "down" ? index + 1 : -1;
    var moved = items.splice(index, 1)[0];
    if (to >= 0) { items.splice(to, 0, moved); }
    save(items);
    drawList(view, to >= 0 ? { action: action, index: to } : { action: "remove", index: Math.min(index, items.length - 1) });
  }

  function editNote(view, input) {
    var index = Number(input.getAttribute("data-sk-index"));
    var items = load().items;
    if (input.tagName !== "INPUT" || !items[index]) { return; }
    items[index].note = input.value.slice(0, 120);
    save(items);
    var note = view.querySelectorAll(".sk-list-note")[index];
    note.textContent = items[index].note ? "Notitie: " + items[index].note : "";
    note.hidden = !items[index].note;
    drawListQr(view, items);
  }

  function setupList(view) {
    if (view.getAttribute("data-sk-ready")) { return; }
    view.setAttribute("data-sk-ready", "1");
    var shared = fromFragment(window.location.hash);
    if (shared.length) { drawPhoneView(view, shared); return; }
    view.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-sk-do]");
      if (b) { act(view, b.getAttribute("data-sk-do"), Number(b.getAttribute("data-sk-index"))); }
    });
    view.addEventListener("input", function (event) { editNote(view, event.target); });
    drawList(view);
  }

  // "Afgedrukt op …": today's date in Brussels, on every sheet, set again right before printing.
  // Only where a sheet has one: a date in a time zone is costly on a phone, on every page change.
  function datePrinted() {
    var spans = document.querySelectorAll(".sk-print-date");
    if (!spans.length) { return; }
    var text = new Date().toLocaleDateString("nl-BE", {
      day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Brussels"
    });
    spans.forEach(function (span) { span.textContent = text; });
  }

  // Right before printing: today's date, and the dates that follow it (a list's cards are drawn
  // with them when the list opens).
  window.addEventListener("beforeprint", function () {
    datePrinted();
    refreshNextDates();
  });

  function setup() {
    datePrinted();
    refreshNextDates();
    document.querySelectorAll(".sk-handout[data-sk-key]").forEach(setupService);
    var view = document.querySelector("[data-sk-list]");
    if (view) { setupList(view); }
    showBadge(load().items);
  }

  // "Deze lijst als link" on the list page itself, or a list address typed over another.
  window.addEventListener("hashchange", function () {
    var view = document.querySelector("[data-sk-list]");
    var shared = fromFragment(window.location.hash);
    if (view && shared.length) { drawPhoneView(view, shared); }
  });

  window.skOnPage(setup);  // this page and every instant page change (paginawissel.js)
})();
