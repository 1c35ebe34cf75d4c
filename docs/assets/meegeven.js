/* sociale-kaart "Meegeven": print one service on one sheet, or keep services on a list for
   the client at the desk. The list lives in sessionStorage: only this tab, gone when the tab
   closes or on "Lijst wissen"; nothing is ever sent. The list page (lijst/) shows, reorders and
   prints it, and draws it as one QR code whose address carries the list in its #fragment (a
   fragment never reaches a server). Runs again after each of Material's instant page changes. */
(function () {
  "use strict";

  var KEY = "sociale-kaart-lijst";
  var ASSETS = document.currentScript.src.replace(/[^/]*$/, "");  // .../assets/
  var ROOT = ASSETS.replace(/assets\/$/, "");
  var SLUG_PAIR = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

  // ---- the list in this tab ----

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY)) || []; } catch (e) { return []; }
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

  // A copy of a service as shown on its page, without buttons or ids, with absolute links.
  function snapshot(section) {
    var copy = section.cloneNode(true);
    copy.querySelectorAll(".sk-handout-buttons, .sk-ics, script").forEach(function (el) { el.remove(); });
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", a.href); });
    copy.classList.remove("sk-print-target");
    return copy.outerHTML;
  }

  function serviceUrl(section) {
    return window.location.origin + window.location.pathname + "#" + section.id;
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
      var kept = indexOf(load(), key) >= 0;
      keep.setAttribute("aria-pressed", String(kept));  // the label stays; CSS adds a check mark
    };
    buttons.querySelector("[data-sk-do=print]").addEventListener("click", function () { printOne(section); });
    keep.addEventListener("click", function () {
      var items = load();
      var at = indexOf(items, key);
      if (at >= 0) { items.splice(at, 1); }
      else {
        items.push({ key: key, title: handout.getAttribute("data-sk-title"), url: serviceUrl(section),
                     html: snapshot(section), note: "" });
      }
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

  // ---- the list page ----

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }

  function button(label, action, index, title) {
    var b = element("button", "md-button sk-list-button", label);
    b.type = "button";
    b.setAttribute("data-sk-do", action);
    b.setAttribute("data-sk-index", String(index));
    b.setAttribute("aria-label", label + ": " + title);
    return b;
  }

  function listItem(item, index, count) {
    var li = element("li", "sk-list-item");
    var card = element("div", "sk-list-card");
    card.innerHTML = item.html;  // copied by snapshot() from this site's own page
    var note = element("p", "sk-list-note", item.note ? "Notitie: " + item.note : "");
    note.hidden = !item.note;
    card.querySelector(".sk-handout").after(note);
    li.appendChild(card);
    var tools = element("div", "sk-list-tools");
    var id = "sk-note-" + index;
    var label = element("label", null, "Notitie (bv. vraag naar Ahmed)");
    label.htmlFor = id;
    var input = element("input");
    input.type = "text";
    input.id = id;
    input.value = item.note || "";
    input.setAttribute("data-sk-index", String(index));
    tools.append(label, input);
    if (index > 0) { tools.appendChild(button("Omhoog", "up", index, item.title)); }
    if (index < count - 1) { tools.appendChild(button("Omlaag", "down", index, item.title)); }
    tools.appendChild(button("Verwijder", "remove", index, item.title));
    li.appendChild(tools);
    return li;
  }

  function drawList(view, focus) {
    var items = load();
    var ol = view.querySelector(".sk-list-items");
    ol.textContent = "";
    items.forEach(function (item, i) { ol.appendChild(listItem(item, i, items.length)); });
    view.querySelector(".sk-list-empty").hidden = items.length > 0;
    view.querySelector(".sk-list-actions").hidden = !items.length;
    view.querySelector(".sk-list-phone").hidden = !items.length;
    if (items.length) { drawListQr(view, items); }
    if (focus) {
      var at = function (action) {
        return ol.querySelector('[data-sk-do="' + action + '"][data-sk-index="' + focus.index + '"]');
      };
      var target = at(focus.action) || at(focus.action === "up" ? "down" : "up") || at("remove") || view.querySelector("h1");
      if (target.tagName === "H1") { target.tabIndex = -1; }
      target.focus();
    }
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

  function fromFragment(hash) {
    var items = [];
    new URLSearchParams(hash.replace(/^#/, "")).forEach(function (value, name) {
      if (name === "d" && SLUG_PAIR.test(value)) { items.push({ key: value, title: value, note: "" }); }
      else if (name === "t" && items.length) { items[items.length - 1].title = value; }
      else if (name === "n" && items.length) { items[items.length - 1].note = value; }
    });
    return items;
  }

  function withEncoder(then) {
    if (window.qrcode) { then(window.qrcode); return; }
    var script = document.createElement("script");
    script.src = ASSETS + "vendor/qrcode-generator.js";
    script.onload = function () { then(window.qrcode); };
    document.head.appendChild(script);
  }

  function drawListQr(view, items) {
    var address = window.location.origin + window.location.pathname + fragment(items);
    view.querySelector(".sk-list-link").href = address;
    var box = view.querySelector(".sk-list-qr");
    withEncoder(function (qrcode) {
      try {
        var code = qrcode(0, "M");
        code.addData(address);
        code.make();
        box.innerHTML = code.createSvgTag({ cellSize: 4, margin: 16, scalable: true });
        box.querySelector("svg").setAttribute("aria-hidden", "true");
      } catch (e) {
        box.textContent = "De lijst is te lang voor één QR-code. Druk de lijst af of maak ze korter.";
      }
    });
  }

  // On the citizen's phone: the list from the address, read only; nothing stored.
  function drawPhoneView(view, items) {
    view.querySelector("h1").textContent = "Uw lijst van diensten";
    view.querySelector(".sk-list-privacy").hidden = true;
    view.querySelector(".sk-list-mine").hidden = false;
    var ol = view.querySelector(".sk-list-items");
    ol.textContent = "";
    items.forEach(function (item) {
      var li = element("li", "sk-list-item sk-list-phone-item");
      var parts = item.key.split("/");
      var link = element("a", null, item.title);
      link.href = ROOT + "organisaties/" + parts[0] + "/#" + parts[1];
      li.appendChild(element("p", "sk-list-title")).appendChild(link);
      if (item.note) { li.appendChild(element("p", "sk-list-note", "Notitie: " + item.note)); }
      ol.appendChild(li);
    });
  }

  function act(view, action, index) {
    var items = load();
    if (action === "clear") { save([]); drawList(view, { action: "none", index: -1 }); return; }
    if (action === "print-list") { window.print(); return; }
    var to = action === "up" ? index - 1 : action === "down" ? index + 1 : -1;
    var moved = items.splice(index, 1)[0];
    if (to >= 0) { items.splice(to, 0, moved); }
    save(items);
    drawList(view, to >= 0 ? { action: action, index: to } : { action: "remove", index: Math.min(index, items.length - 1) });
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
    view.addEventListener("input", function (event) {
      var index = Number(event.target.getAttribute("data-sk-index"));
      var items = load();
      if (event.target.tagName !== "INPUT" || !items[index]) { return; }
      items[index].note = event.target.value.slice(0, 120);
      save(items);
      var note = view.querySelectorAll(".sk-list-note")[index];
      note.textContent = items[index].note ? "Notitie: " + items[index].note : "";
      note.hidden = !items[index].note;
      drawListQr(view, items);
    });
    drawList(view);
  }

  function setup() {
    document.querySelectorAll(".sk-handout[data-sk-key]").forEach(setupService);
    var view = document.querySelector("[data-sk-list]");
    if (view) { setupList(view); }
    showBadge(load());
  }

  // "Deze lijst als link" on the list page itself, or a list address typed over another.
  window.addEventListener("hashchange", function () {
    var view = document.querySelector("[data-sk-list]");
    var shared = fromFragment(window.location.hash);
    if (view && shared.length) { drawPhoneView(view, shared); }
  });

  window.skOnPage(setup);  // this page and every instant page change (paginawissel.js)
})();
