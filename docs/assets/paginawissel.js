/* One page-change hook for the site's scripts.
   Material's instant navigation swaps pages without reloading them and announces each new page
   on its documented `document$` observable (it replays the current page to a late subscriber);
   without instant navigation (a site_url on another host, a plain HTTP server) there is only the
   first load. A script calls window.skOnPage(fn) once: fn runs for the current page and again
   after every instant page change. Loaded in the head, so it exists before any other script,
   including one inside a page's content (the search page's zoeken.js). A function registered
   after the first page may run twice for one page, so each must be safe to run again. */
(function () {
  "use strict";
  var handlers = [];
  var started = false;

  function runAll() {
    handlers.slice().forEach(function (fn) { fn(); });
  }

  // At DOMContentLoaded Material's bundle (end of body) has run and defined document$.
  function start() {
    started = true;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(runAll);
    } else {
      runAll();
    }
  }

  window.skOnPage = function (fn) {
    handlers.push(fn);
    if (started) { fn(); }  // a script that arrived with a later page
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
