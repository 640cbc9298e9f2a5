// The one escaping helper for JS-built text. Record fields reach the page only through esc() (for strings
// handed to code that parses HTML: Leaflet popups/tooltips, plotly labels) or el() (DOM nodes via textContent).
window.soilgwText = (function () {
  "use strict";
  var map = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"};
  function esc(value) {
    if (value === null || value === undefined) { return ""; }
    return String(value).replace(/[&<>"'`]/g, function (c) { return map[c]; });
  }
  // An element whose text is set with textContent; attrs are set as attributes (href only if same-origin path).
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) {
      var v = String(attrs[k]);
      if (k === "href" && !/^\/(?!\/)/.test(v)) { return; }
      node.setAttribute(k, v);
    });
    return node;
  }
  return {esc: esc, el: el};
}());
