/* sociale-kaart search page: Pagefind's JS API with filters whose state lives in the URL.
   Loaded only by the search page (a script in its body, which Material's instant navigation
   runs again on each arrival: the second run only sets up the new page). Loads nothing from
   other hosts.

   Bytes matter (one search on 10,000 organisations must stay small), so:
   - Pagefind runs on the main thread (noWorker): its worker script is another ~40 KiB;
   - the filter panel's values and counts (pagefind.filters() loads every filter file,
     which grows with the number of pages) load only once the panel is open (a search loads
     only the tiny file that keeps staff pages out). It opens by
     itself when the URL has filters; otherwise one button opens it (also to browse without
     words) and it stays open for the next searches on the page;
   - one fragment is loaded per result card shown, PAGE_SIZE at a time. */
(function () {
  "use strict";

  // Before the first paint (this script follows the search form): a URL with words hides the
  // tips now, not when the search starts, so nothing below them moves up (layout shift).
  var arriving = document.querySelector(".sk-search");
  if (arriving && new URLSearchParams(window.location.search).get("q")) { arriving.classList.add("sk-has-query"); }

  if (window.skSearchInit) { window.skSearchInit(); return; }

  var PAGE_SIZE = 10;
  var ORGANISATION = "Organisatie";
  var SERVICE_ANCHOR = "#sk-dienst-";  // ids of service headings (site_templates/_service.html.j2)
  var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var LAST = ["niet in het huis", "onbekend"];
  // Pages for staff, editors and other municipalities carry the filter voor=medewerkers
  // (overrides/main.html; its file lists only them, so it stays small on any map): out of
  // citizens' results unless the switch (URL: medewerkers=ja) or a chosen page type asks.
  var STAFF_PARAM = "medewerkers";
  var OPEN_PARAM = "open";  // "vandaag" or "nu": only organisations open then (vandaag.js tells)

  // Days in week order, other values alphabetically; the "not known" values last.
  function compareValues(key, a, b) {
    var rank = function (v) { return LAST.indexOf(v) + 1 || (key === "dag" ? -8 + DAYS.indexOf(v) : 0); };
    return rank(a) - rank(b) || a.localeCompare(b, "nl");
  }
  var pagefind = null;

  function loadPagefind(root) {
    if (!pagefind) {
      var base = new URL(root, window.location.href);
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname, noWorker: true })
          .then(function () { return mergeParts(module, base); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* A large site's index is written in parts (generator/assemble/indexer.py, PartedIndex):
     pagefind/sk-delen.json lists the other parts, which are merged into the first. */
  function mergeParts(module, base) {
    return fetch(new URL("pagefind/sk-delen.json", base).href)
      .then(function (response) { return response.ok ? response.json() : { delen: [] }; })
      .catch(function () { return { delen: [] }; })
      .then(function (list) {
        var parts = Array.isArray(list.delen) ? list.delen : [];
        return Promise.all(parts.map(function (part) {
          return module.mergeIndex(new URL("pagefind/" + part, base).pathname, { baseUrl: base.pathname });
        }));
      });
  }

  // A URL with words (a header search, a shared link): Pagefind and the words' index chunks load
  // now, while the browser still reads the page and its scripts, not after DOMContentLoaded (the
  // results are the page's largest paint). Only on the first run: later arrivals have it loaded.
  var arrivingWords = arriving ? wordsOf(new URLSearchParams(window.location.search).get("q") || "") : [];
  if (arrivingWords.length) {
    loadPagefind(arriving.dataset.root).then(function (pf) {
      arrivingWords.forEach(function (word) { pf.preload(word); });
    }).catch(function () {});  // the search itself says when Pagefind does not load
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var open = params.get(OPEN_PARAM);
    var state = { q: params.get("q") || "", staff: params.get(STAFF_PARAM) === "ja", filters: {},
                  open: open === "vandaag" || open === "nu" ? open : "" };
    params.forEach(function (value, key) {
      if (key !== "q" && key !== STAFF_PARAM && key !== OPEN_PARAM && value) { (state.filters[key] = state.filters[key] || []).push(value); }
    });
    return state;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    if (state.staff) { params.set(STAFF_PARAM, "ja"); }
    if (state.open) { params.set(OPEN_PARAM, state.open); }
    Object.keys(state.filters).sort().forEach(function (key) {
      state.filters[key].forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function pagefindFilters(state) {
    var result = {};
    Object.keys(state.filters).forEach(function (key) {
      if (state.filters[key].length) { result[key] = { any: state.filters[key] }; }
    });
    if (!state.staff && !result.type) { result.voor = { none: ["medewerkers"] }; }
    return result;
  }

  function wordsOf(q) {
    return q.trim().split(/\s+/).filter(Boolean);
  }

  // Pagefind gives a page only when it holds every word, so several words are searched one by
  // one and merged: pages with more of the words first, then each word's best matches in turn
  // (the best for "schulden" and the best for "energiefactuur" before the second of either).
  function mergeWords(answers) {
    var byId = {};
    var merged = [];
    answers.forEach(function (answer) {
      answer.results.forEach(function (result, rank) {
        var entry = byId[result.id];
        if (!entry) {
          entry = byId[result.id] = { id: result.id, words: 0, rank: rank, score: 0, parts: [] };
          merged.push(entry);
        }
        entry.words += 1;
        entry.rank = Math.min(entry.rank, rank);
        entry.score += result.score;
        entry.parts.push(result);
      });
    });
    merged.sort(function (a, b) { return b.words - a.words || a.rank - b.rank || b.score - a.score; });
    merged.forEach(function (entry) { entry.data = function () { return combinedData(entry.parts); }; });
    return { results: merged, filters: answers.length === 1 ? answers[0].filters : null };
  }

  // "Vandaag open / nu open": the results whose page has a schedule open then. Each organisation
  // page carries its services' hours (data-sk-hours, as its "vandaag" lines read them; a line
  // without them, unknown or stopped, is never open). Not in the search index: Pagefind would
  // index their words. So the pages are fetched (this site only), at most OPEN_LIMIT of them.
  var OPEN_LIMIT = 40;

  function hoursOnPage(url) {
    return fetch(url).then(function (response) { return response.ok ? response.text() : ""; }).then(function (text) {
      var page = new DOMParser().parseFromString(text, "text/html");  // read, never shown
      return Array.prototype.map.call(page.querySelectorAll(".sk-service-today[data-sk-hours]"),
        function (line) { return JSON.parse(line.getAttribute("data-sk-hours")); });
    }).catch(function () { return []; });
  }

  function openOnly(found, want) {
    if (found.results.length > OPEN_LIMIT) { return { results: [], filters: found.filters, tooMany: true }; }
    return Promise.all(found.results.map(function (result) { return result.data(); })).then(function (items) {
      return Promise.all(items.map(function (data) { return hoursOnPage(data.url); })).then(function (hours) {
        var kept = items.filter(function (data, i) { return window.skAnyOpen(hours[i], want); });
        return { results: kept.map(function (data) { return { data: function () { return Promise.resolve(data); } }; }),
                 filters: found.filters };
      });
    });
  }

  // One page found by several words: its sections with the matches of all of them.
  function combinedData(parts) {
    return Promise.all(parts.map(function (part) { return part.data(); })).then(function (all) {
      var data = all[0];
      var subs = {};
      var order = [];
      all.forEach(function (one) {
        (one.sub_results || []).forEach(function (sub) {
          if (!subs[sub.url]) { subs[sub.url] = { title: sub.title, url: sub.url, excerpt: sub.excerpt, locations: [], words: 0 }; order.push(sub.url); }
          subs[sub.url].locations = subs[sub.url].locations.concat(sub.locations || []);
          subs[sub.url].words += 1;
        });
      });
      return Object.assign({}, data, { sub_results: order.map(function (url) { return subs[url]; }) });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function drawFilters(box, labels, all, counts, state, onChange) {
    box.textContent = "";
    labels.forEach(function (pair) {
      var key = pair[0];
      var values = Object.keys(all[key] || {}).sort(function (a, b) { return compareValues(key, a, b); });
      if (!values.length) { return; }
      var fieldset = element("fieldset", "sk-filter");
      fieldset.appendChild(element("legend", null, pair[1]));
      values.forEach(function (value) {
        var id = "sk-f-" + key + "-" + value.replace(/[^a-z0-9]+/gi, "-");
        var input = element("input");
        input.type = "checkbox"; input.id = id; input.name = key; input.value = value;
        input.checked = (state.filters[key] || []).indexOf(value) !== -1;
        input.addEventListener("change", function () {
          var chosen = (state.filters[key] || []).filter(function (v) { return v !== value; });
          if (input.checked) { chosen.push(value); }
          state.filters[key] = chosen;
          if (!chosen.length) { delete state.filters[key]; }
          onChange();
        });
        var label = element("label");
        label.htmlFor = id;
        label.appendChild(document.createTextNode(value + " "));
        if (counts) {  // unknown for several words: their searches count apart
          var count = counts[key] && counts[key][value] !== undefined ? counts[key][value] : 0;
          label.appendChild(element("span", "sk-count", "(" + count + ")"));
        }
        var row = element("div", "sk-filter-option");
        row.appendChild(input); row.appendChild(label);
        fieldset.appendChild(row);
      });
      box.appendChild(fieldset);
    });
  }

  // A service heading's sub-result opens the service's own section: "#sk-dienst-x" → "#x"
  // (the section's id is the stable anchor that other pages and printed QR codes use).
  function serviceUrl(url) {
    var at = url.indexOf(SERVICE_ANCHOR);
    return at < 0 ? url : url.slice(0, at) + "#" + url.slice(at + SERVICE_ANCHOR.length);
  }

  // The sections (services, the house's address block) whose text matches, best first:
  // most matched words, then page order. Pagefind makes one sub-result per heading with an id.
  function matchingSections(data) {
    var found = (data.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") >= 0; });
    return found.map(function (sub, index) { return { sub: sub, index: index }; }).sort(function (a, b) {
      return ((b.sub.words || 1) - (a.sub.words || 1)) ||
        ((b.sub.locations || []).length - (a.sub.locations || []).length) || a.index - b.index;
    }).map(function (pair) { return pair.sub; });
  }

  // A match outside every service (the organisation's description): an organisation with one
  // service opens it; with several, the top of the page lists them.
  function onlyService(data) {
    var ids = (data.anchors || []).filter(function (anchor) { return anchor.id.indexOf(SERVICE_ANCHOR.slice(1)) === 0; });
    return ids.length === 1 ? serviceUrl(data.url + "#" + ids[0].id) : data.url;
  }

  function serviceLinks(services) {
    var list = element("ul", "sk-result-services");
    services.forEach(function (sub) {
      var li = element("li");
      var a = element("a", null, sub.title);
      a.href = serviceUrl(sub.url);
      li.appendChild(a);
      list.appendChild(li);
    });
    return list;
  }

  // Within the cards shown together, organisations before other pages for the same words
  // (Pagefind already weighs those pages lower: overrides/main.html).
  function organisationsFirst(items) {
    var isOrg = function (data) { return ((data.filters && data.filters.type) || []).indexOf(ORGANISATION) >= 0; };
    return items.filter(isOrg).concat(items.filter(function (data) { return !isOrg(data); }));
  }

  // A theme's search words are indexed in each of its services, hidden ("Zoekwoorden: a, b.",
  // site_templates/_service.html.j2), so Pagefind's excerpt may quote them: a citizen reads the
  // service's own words instead. Cuts from the label to the list's full stop, or to the end of a
  // cut-off excerpt; a <mark> (one word each) lies wholly inside or outside the cut.
  var SEARCH_WORDS = /\s*Zoekwoorden:[^.]*(\.(<\/mark>)?|$)/g;

  function withoutSearchWords(excerpt) {
    return (excerpt || "").replace(SEARCH_WORDS, " ");
  }

  function card(data) {
    var meta = data.meta || {};
    var item = element("li", "sk-result");
    var heading = element("h2", "sk-result-title");
    var services = matchingSections(data);
    var best = services[0];
    var link = element("a", null, meta.title || data.url);
    link.href = best ? serviceUrl(best.url) : onlyService(data);
    heading.appendChild(link);
    item.appendChild(heading);
    if (services.length) { item.appendChild(serviceLinks(services.slice(0, 3))); }
    var kinds = (data.filters && data.filters.type) || [];
    if (kinds.indexOf(ORGANISATION) === -1 && kinds.length) {
      item.appendChild(element("p", "sk-result-kind", kinds.join(", ")));
    }
    if (meta.status) { item.appendChild(element("p", "sk-result-status", meta.status)); }
    var facts = [];
    if (meta.thema) { facts.push("Thema: " + meta.thema); }
    if (meta.wanneer) { facts.push("In het huis: " + meta.wanneer); }
    if (meta.toegang) { facts.push("Afspraak: " + meta.toegang); }
    if (facts.length) { item.appendChild(element("p", "sk-result-facts", facts.join(" · "))); }
    var text = withoutSearchWords(best ? best.excerpt : data.excerpt);
    if (text.trim()) {
      var excerpt = element("p", "sk-result-excerpt");
      excerpt.innerHTML = text; // Pagefind escapes page text; it only adds <mark>
      item.appendChild(excerpt);
    }
    return item;
  }

  function setup(container) {
    var labels = JSON.parse(container.dataset.filters);
    var input = container.querySelector("#sk-q");
    var form = container.querySelector(".sk-search-form");
    var box = container.querySelector("#sk-filters");
    var status = container.querySelector("#sk-status");
    var list = container.querySelector("#sk-results");
    var more = container.querySelector("#sk-more");
    var toggle = container.querySelector("#sk-filters-toggle");
    var hint = container.querySelector("#sk-filters-hint");
    var staff = container.querySelector("#sk-staff");
    var openBox = container.querySelector(".sk-open-filter");
    var state = readUrl();
    // Open at first only when the URL has filters: their checkboxes must show.
    var panelOpen = Object.keys(state.filters).length > 0;
    var results = [];
    var shown = 0;
    var run = 0;
    var timer = null;
    input.value = state.q;
    staff.checked = state.staff;
    openBox.querySelector("input[value='" + state.open + "']").checked = true;

    function showMore() {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        organisationsFirst(items).forEach(function (data) { list.appendChild(card(data)); });
      });
    }

    function chosenCount() {
      return Object.keys(state.filters).reduce(function (n, key) { return n + state.filters[key].length; }, 0);
    }

    function drawToggle() {
      var chosen = chosenCount();
      // A disclosure button: the label stays, aria-expanded (and the arrow) tell the state.
      toggle.setAttribute("aria-expanded", panelOpen ? "true" : "false");
      toggle.textContent = "";
      toggle.appendChild(element("span", "sk-arrow", panelOpen ? "▾ " : "▸ ")).setAttribute("aria-hidden", "true");
      toggle.appendChild(document.createTextNode("Filteren" + (chosen ? " (" + chosen + " gekozen)" : "")));
      box.hidden = !panelOpen;
      hint.hidden = panelOpen;
    }

    function query(pf) {
      var options = { filters: pagefindFilters(state) };
      var words = wordsOf(state.q);
      var found = words.length < 2 ? pf.search(words.length ? state.q : null, options)
        : Promise.all(words.map(function (word) { return pf.search(word, options); })).then(mergeWords);
      return state.open ? found.then(function (answer) { return openOnly(answer, state.open); }) : found;
    }

    // The panel: every filter value, with its count among the current results. A search
    // counts only the filter files already loaded, so search again if it ran before they were.
    function drawPanel(pf, mine, all, found) {
      var several = wordsOf(state.q).length > 1;
      var complete = several || Object.keys(all).every(function (key) { return found.filters && key in found.filters; });
      return (complete ? Promise.resolve(found) : query(pf)).then(function (answer) {
        if (mine === run && panelOpen) { drawFilters(box, labels, all, several ? null : answer.filters || {}, state, search); }
      });
    }

    function failed() {
      status.textContent = "Zoeken werkt hier niet. Open de site via een webserver (niet als bestand), of bekijk de thema's.";
    }

    function search() {
      var mine = ++run;
      writeUrl(state);
      container.classList.toggle("sk-has-query", !!state.q.trim());
      drawToggle();
      if (!state.q.trim() && !chosenCount() && !state.open && !panelOpen) {
        // Nothing asked yet: listing every page would load the whole word index
        // (megabytes on a large map), so wait for a word or a filter.
        results = [];
        shown = 0;
        list.textContent = "";
        more.hidden = true;
        status.textContent = "Typ een woord, of kies filters om te bladeren.";
        return Promise.resolve();
      }
      return loadPagefind(container.dataset.root).then(function (pf) {
        var withPanel = panelOpen; // opening it meanwhile loads the filters by itself
        if (withPanel && !box.querySelector("fieldset")) { box.textContent = "Filters laden…"; }
        var filtersReady = withPanel ? pf.filters() : null;
        return Promise.all([filtersReady, query(pf)]).then(function (answers) {
          if (mine !== run) { return; }
          var found = answers[1];
          results = found.results;
          shown = 0;
          list.textContent = "";
          var count = results.length === 1 ? "1 resultaat" : results.length + " resultaten";
          // The count is announced once the first cards stand on the page.
          var cards = showMore().then(function () {
            if (mine === run) {
              status.textContent = results.length ? count
                : found.tooMany ? "Te veel resultaten om na te gaan wat " + state.open + " open is (meer dan " +
                  OPEN_LIMIT + "). Typ een woord of kies een thema."
                : "Niets gevonden. Probeer een ander woord of minder filters, of vraag het aan het onthaal.";
            }
          });
          return Promise.all([cards, withPanel && drawPanel(pf, mine, answers[0], found)]);
        });
      }).catch(failed);
    }

    function openFilters() {
      var mine = run;
      if (!box.querySelector("fieldset")) { box.textContent = "Filters laden…"; }
      loadPagefind(container.dataset.root).then(function (pf) {
        return pf.filters().then(function (all) { return drawPanel(pf, mine, all, {}); });
      }).catch(failed);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { state.q = input.value; search(); }, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      state.q = input.value;
      search();
    });
    more.addEventListener("click", showMore);
    staff.addEventListener("change", function () { state.staff = staff.checked; search(); });
    openBox.addEventListener("change", function (event) { state.open = event.target.value; search(); });
    toggle.addEventListener("click", function () {
      panelOpen = !panelOpen;
      drawToggle();
      if (panelOpen) { openFilters(); }
    });
    // A button, not a "#" link: Material's instant navigation would reload the page.
    container.querySelector(".sk-skip").addEventListener("click", function () {
      var first = list.querySelector(".sk-result-title a");
      (first || status).focus();
    });
    search();
  }

  function init() {
    var container = document.querySelector(".sk-search");
    if (container && !container.dataset.ready) {
      container.dataset.ready = "1";
      setup(container);
    }
  }

  window.skSearchInit = init;
  window.skOnPage(init);  // this page and every instant page change (paginawissel.js)
})();
