/* Material for MkDocs 9.8.1's inline scripts (partials/javascripts/base.html and content.html),
   as a file: the Content-Security-Policy of every page forbids inline script
   (generator/site/csp.py). Re-sync when Material is upgraded.

   Material wrote new URL(base_url, location): the site's root. This file lives in
   <root>/assets/, so the root is its folder's parent, whatever page loads it. */
var __md_scope = new URL("..", document.currentScript.src),
  __md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0),
  __md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
  __md_set = (e, _, t = localStorage, a = __md_scope) => {
    try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {}
  };

/* content.html: a URL hash naming a content tab opens that tab. */
document.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
});
