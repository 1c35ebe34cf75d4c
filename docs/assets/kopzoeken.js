/* The header search form on every page. Its action is relative in the HTML ("../../zoeken/"),
   right for the page it arrived with and for every page without instant navigation. Material's
   instant navigation keeps the header when it swaps pages (it resolves href and src of the new
   content, not a form's action), so a relative action would then point below the new page
   (/themas/wonen/zoeken/, a 404). Resolved once against the page it came with, the action is the
   site's search page from wherever the form is sent. Runs after every page change
   (window.skOnPage, paginawissel.js), so a header that came with a new page is resolved too. */
(function () {
  "use strict";

  function resolveAction() {
    var form = document.querySelector(".sk-header-search");
    var action = form && form.getAttribute("action");
    if (action && !/^[a-z][a-z0-9+.-]*:/i.test(action)) {
      form.setAttribute("action", new URL(action, document.baseURI).href);
    }
  }

  window.skOnPage(resolveAction);
})();
