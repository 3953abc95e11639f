/* The page's words in the attendee's language: the catalogue of one language comes from the
   laptop (/i18n/catalogue.json, chosen from the phone's own languages or the one picked here)
   and every text on the page is one of its messages, by key, with {name} parameters and
   plural forms by the browser's Intl.PluralRules. No sentence of the page lives in its code.
   Plain ES5; text is only ever set with textContent. */
var I18N = (function () {
  "use strict";
  var doc = { lang: "en", dir: "ltr", languages: [], messages: {} };
  var rules = null;

  function stored() {
    try { return localStorage.getItem("fac_lang"); } catch (e) { return null; }
  }
  function wanted() {
    var own = stored();
    if (own) return own;
    var list = navigator.languages && navigator.languages.length ? navigator.languages
      : [navigator.language || navigator.userLanguage || ""];
    return Array.prototype.slice.call(list).join(",");
  }
  // Fetch the catalogue (again after a failure, with a growing wait), then call done().
  function load(done, lang, tries) {
    var x = new XMLHttpRequest(), n = tries || 0;
    x.open("GET", "/i18n/catalogue.json?langs=" + encodeURIComponent(lang || wanted()), true);
    x.timeout = 15000;
    x.onload = function () {
      var got = null;
      try { got = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
      if (x.status === 200 && got && got.messages) { use(got); done(); return; }
      again();
    };
    x.onerror = x.ontimeout = again;
    function again() {
      setTimeout(function () { load(done, lang, n + 1); }, Math.random() * Math.min(30000, 1000 * Math.pow(2, n)));
    }
    x.send(null);
  }
  function use(got) {
    doc = got;
    try { rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(doc.lang) : null; }
    catch (e) { rules = null; }
    var root = document.documentElement;
    root.lang = doc.lang;
    root.dir = doc.dir === "rtl" ? "rtl" : "ltr";
    apply(document);
  }
  function category(n) {
    if (rules) return rules.select(n);
    return n === 1 ? "one" : "other";
  }
  // The message `key` with its {parameters} filled in; a count's form chosen by params.n.
  function t(key, params) {
    var m = doc.messages[key], text;
    if (m === undefined || m === null) return key;
    if (typeof m === "object") {
      var form = category(params && typeof params.n === "number" ? params.n : 0);
      text = m[form] !== undefined ? m[form] : m.other;
    } else text = m;
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] !== undefined && params[name] !== null ? String(params[name]) : all;
    });
  }
  function has(key) { return doc.messages[key] !== undefined; }
  // Elements of the page's HTML say their message by data-t (text), data-t-label (aria-label)
  // and data-t-placeholder.
  function apply(root) {
    var nodes = root.querySelectorAll("[data-t],[data-t-label],[data-t-placeholder]"), i, node;
    for (i = 0; i < nodes.length; i++) {
      node = nodes[i];
      if (node.getAttribute("data-t")) node.textContent = t(node.getAttribute("data-t"));
      if (node.getAttribute("data-t-label")) node.setAttribute("aria-label", t(node.getAttribute("data-t-label")));
      if (node.getAttribute("data-t-placeholder")) node.setAttribute("placeholder", t(node.getAttribute("data-t-placeholder")));
    }
  }
  // A <select> of the languages, each in its own name; choosing one keeps it on this phone.
  function picker(select, changed) {
    select.textContent = "";
    (doc.languages || []).forEach(function (l) {
      var o = document.createElement("option");
      o.value = l.code; o.textContent = l.name; o.lang = l.code;
      if (l.code === doc.lang) o.selected = true;
      select.appendChild(o);
    });
    select.onchange = function () {
      try { localStorage.setItem("fac_lang", select.value); } catch (e) { /* private mode */ }
      load(function () { picker(select, changed); if (changed) changed(); }, select.value);
    };
  }
  // The sentence for a refusal from the laptop: its code's message in this language, else
  // the laptop's own sentence, else the message `fallback`.
  function error(data, fallback, params) {
    if (data && data.code && has("error." + data.code)) return t("error." + data.code, data.params || params);
    return (data && data.error) || t(fallback, params);
  }
  function lang() { return doc.lang; }
  return { load: load, t: t, has: has, apply: apply, picker: picker, error: error, lang: lang };
})();
