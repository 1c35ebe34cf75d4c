/* "Afdrukken" buttons (data-sk-print) print the page. One listener on the document, so it
   keeps working after Material's instant navigation, and no inline onclick: the
   Content-Security-Policy forbids inline event handlers (generator/site/csp.py). */
document.addEventListener("click", function (event) {
  if (event.target instanceof Element && event.target.closest("[data-sk-print]")) window.print();
});
