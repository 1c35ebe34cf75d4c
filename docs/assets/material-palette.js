/* Material for MkDocs 9.8.1's inline palette script (partials/javascripts/palette.html), as a
   file for the Content-Security-Policy (generator/site/csp.py); only sites with a colour
   toggle load it. Re-sync when Material is upgraded. */
(function () {
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)");
    var input = document.querySelector(media.matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    palette.color.media = input.getAttribute("data-md-color-media");
    palette.color.scheme = input.getAttribute("data-md-color-scheme");
    palette.color.primary = input.getAttribute("data-md-color-primary");
    palette.color.accent = input.getAttribute("data-md-color-accent");
  }
  for (var key in palette.color) document.body.setAttribute("data-md-color-" + key, palette.color[key]);
})();
