/* The attendee page: joins from the QR code's address, follows the run's current step live,
   and sends notes through an outbox kept in local storage until the laptop acknowledges them,
   and a step's answer until the laptop has it. Each kind of step draws itself: its part of the
   page (web/kinds/KIND.js) registers in FAC.kinds, and the server sends this file with every
   kind's part after it and FAC.start() at the end. Plain ES5 for old phones; user text is only
   ever set with textContent. */
(function () {
  "use strict";
  var COLORS = ["yellow", "blue", "orange", "green", "pink", "grey"];
  var S = { run: null, step: null, me: null, notes: [], myVotes: [], answer: null, results: null,
            lastEvent: "", online: false, color: "yellow", zone: null };
  var store = safeStorage();
  var outbox = load("outbox", []);
  var sending = false, es = null, timers = {}, timerTick = null;
  var $ = function (id) { return document.getElementById(id); };

  // ---- small helpers ------------------------------------------------------------------------
  function safeStorage() {
    try { localStorage.setItem("t", "1"); localStorage.removeItem("t"); return localStorage; }
    catch (e) { var m = {}; return { getItem: function (k) { return m[k] || null; },
      setItem: function (k, v) { m[k] = String(v); }, removeItem: function (k) { delete m[k]; } }; }
  }
  function load(name, fallback) {
    try { var v = JSON.parse(store.getItem("fac_" + name)); return v === null ? fallback : v; }
    catch (e) { return fallback; }
  }
  function save(name, value) {
    try { store.setItem("fac_" + name, JSON.stringify(value)); } catch (e) { /* full: keep going */ }
  }
  function el(tag, props, kids) {
    var node = document.createElement(tag), k;
    for (k in props || {}) {
      if (k === "text") node.textContent = props[k];
      else if (k === "cls") node.className = props[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), props[k]);
      else if (props[k] !== null && props[k] !== undefined && props[k] !== false)
        node.setAttribute(k, props[k] === true ? "" : props[k]);
    }
    (kids || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function api(method, url, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.timeout = 15000;
    if (body) x.setRequestHeader("Content-Type", "application/json");
    x.onload = function () {
      var data = {};
      try { data = JSON.parse(x.responseText) || {}; } catch (e) { /* not JSON */ }
      if (x.status >= 200 && x.status < 300) backoff = {};  // the laptop answers: start again
      done(x.status, data, retryAfter(x));
    };
    x.onerror = x.ontimeout = function () { done(0, {}, 0); };
    x.send(body ? JSON.stringify(body) : null);
  }
  // The seconds the laptop asked us to wait (Retry-After: seconds or a date), 0 if it did not.
  function retryAfter(x) {
    var v = x.getResponseHeader("Retry-After"), s;
    if (!v) return 0;
    s = /^\s*\d+\s*$/.test(v) ? parseInt(v, 10) : (Date.parse(v) - Date.now()) / 1000;
    return s > 0 ? Math.min(s, 600) : 0;
  }
  function newId() {
    var a = new Uint8Array(16), s = "", i;
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(a);
    else for (i = 0; i < 16; i++) a[i] = Math.floor(Math.random() * 256);
    for (i = 0; i < 16; i++) s += (a[i] + 256).toString(16).slice(1);
    return s;
  }
  var t = I18N.t;
  // The connection line says the message `key` (none: empty), kept for a change of language.
  function setNet(key, bad) {
    var n = $("net");
    S.net = { key: key, bad: bad };
    n.removeAttribute("data-t");
    n.textContent = key ? t(key) : ""; n.className = bad ? "net bad" : "net";
  }
  // A refusal's sentence in the phone's language (its code's message), else the message `fallback`
  function errorText(data, fallback) { return I18N.error(data, fallback); }

  // ---- joining -------------------------------------------------------------------------------
  function keyFromAddress() {
    var m = /[?&]k=([^&#]+)/.exec(location.search);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function deviceId() {  // the same phone joining again (a lost answer) is the same participant
    var id = load("device", null);
    if (!id) { id = newId(); save("device", id); }
    return id;
  }
  function start() {
    var key = keyFromAddress();
    if (key) { save("key", key); if (history.replaceState) history.replaceState(null, "", "/"); }
    loadState(function (status) {
      if (status === 403) join(load("key", null));
    });
  }
  function join(key) {
    if (!key) { showJoin(""); return; }
    api("POST", "/api/join", { key: key, device: deviceId() }, function (status, data) {
      if (status === 200) { $("join").hidden = true; loadState(); }
      else if (status === 0) { setNet("phone.waiting", true); retryLater("join", function () { join(key); }); }
      else showJoin(errorText(data, "phone.join_failed"));
    });
  }
  function showJoin(message) {
    $("join").hidden = false; $("join-error").textContent = message; $("who-text").textContent = t("phone.not_joined");
    setNet("", false);
  }
  // Call fn again later: after `seconds` (the laptop's Retry-After) and up to a second more,
  // else after a random wait below 1, 2, 4 ... 30 s (full jitter), so that phones dropped
  // together do not all come back in the same instant. Returns the wait in ms.
  var backoff = {}, heldUntil = 0;  // failures in a row by name; no note is sent before heldUntil
  function retryLater(name, fn, seconds) {
    var n = backoff[name] || 0, ms;
    if (seconds > 0) ms = seconds * 1000 + Math.random() * 1000;
    else { ms = Math.random() * Math.min(30000, 1000 * Math.pow(2, n)); backoff[name] = Math.min(n + 1, 8); }
    clearTimeout(timers[name]); timers[name] = setTimeout(fn, ms);
    return ms;
  }

  function loadState(after) {
    api("GET", "/api/state", null, function (status, data) {
      if (status === 200) {
        S.run = data.run; S.step = data.step; S.me = data.me; S.notes = data.notes || [];
        S.myVotes = data.my_votes || []; S.answer = data.answer || null;
        S.results = data.results || null;
        if (!S.lastEvent || !es) S.lastEvent = data.last_event;
        if (outbox.length && outbox[0].run !== S.run.id) { outbox = []; save("outbox", outbox); }
        showMe(); render(); listen(); flush(); flushAnswer(null);
      } else if (status === 0) {
        setNet("phone.waiting", true); retryLater("state", function () { loadState(after); });
      }
      if (after) after(status);
    });
  }

  // ---- who I am ------------------------------------------------------------------------------
  // "You are {name}", the name in bold wherever the language puts it.
  function showMe() {
    var line = $("who-text"), parts = t("phone.you_are").split("{name}");
    line.textContent = "";
    line.appendChild(document.createTextNode(parts[0]));
    line.appendChild(el("b", { text: S.me.name, dir: "auto" }));
    line.appendChild(document.createTextNode(parts.slice(1).join("")));
    $("rename-open").hidden = false;
  }
  $("rename-open").addEventListener("click", function () {
    $("rename").hidden = false; $("rename-name").value = S.me.name; $("rename-name").focus();
  });
  $("rename-cancel").addEventListener("click", function () { $("rename").hidden = true; });
  $("rename").addEventListener("submit", function (ev) {
    ev.preventDefault();
    api("PATCH", "/api/me", { name: $("rename-name").value }, function (status, data) {
      if (status === 200) { S.me = data.participant; showMe(); $("rename").hidden = true; }
      else $("rename-error").textContent = errorText(data, "phone.no_connection");
    });
  });
  $("join").addEventListener("submit", function (ev) { ev.preventDefault(); join($("join-code").value); });

  // ---- the live stream ---------------------------------------------------------------------
  function listen() {
    if (!window.EventSource) {  // very old browsers: ask every few seconds instead
      if (!timers.poll) timers.poll = setInterval(function () { loadState(); }, 5000);
      return;
    }
    if (es) return;
    es = new EventSource("/api/events?last=" + encodeURIComponent(S.lastEvent || ""));
    es.onopen = function () { S.online = true; setNet("phone.connected", false); flush(); };
    es.onerror = function () {
      S.online = false; setNet("phone.waiting", true);
      if (es.readyState === 2) { es.close(); es = null; retryLater("state", function () { loadState(); }); }
    };
    on("step", function (d) {
      S.run = d.run; S.step = d; S.notes = []; S.myVotes = []; S.answer = null; S.results = null;
      S.draft = "";
      render(true);
      if (d.closed !== undefined)  // a step that collects: read my notes or my answer
        setTimeout(function () { loadState(); }, Math.random() * 400);
    });
    on("run", function (d) { S.run = d; renderTimer(); });
    on("ended", function (d) { S.run = d; render(); });
    on("board", function (d) { if (S.step && d.id === S.step.id) { S.step = d; loadState(); } });
    on("note", function (d) { upsertNote(d); });
    on("note_removed", function (d) { S.notes = S.notes.filter(function (n) { return n.id !== d.id; }); renderNotes(); });
    on("me", function (d) { S.me = d; showMe(); });
    on("renamed", function (d) {
      S.notes.forEach(function (n) { if (n.participant_id === d.participant_id) n.author = d.name; });
      renderNotes();
    });
    on("results", function (d) {
      if (S.step && d.step_id === S.step.id) { S.results = d.results; renderResults(); }
    });
    on("reset", function () { loadState(); });
  }
  function on(type, fn) {
    es.addEventListener(type, function (ev) {
      S.lastEvent = ev.lastEventId || S.lastEvent;
      var data; try { data = JSON.parse(ev.data); } catch (e) { return; }
      fn(data);
    });
  }
  function upsertNote(n) {
    if (!S.step || n.step_id !== S.step.id) return;
    var mine = S.me && n.participant_id === S.me.id;
    if (!mine && (n.hidden || !S.step.show_others)) return;
    for (var i = 0; i < S.notes.length; i++) {
      var old = S.notes[i];
      if (old.id !== n.id) continue;
      if (!n.client_id) n.client_id = old.client_id;
      if (n.participant_id === null && S.me && old.participant_id === S.me.id) {
        n.participant_id = old.participant_id; n.author = old.author;  // an anonymous board's copy
      }
      S.notes[i] = n; renderNotes(); return;
    }
    S.notes.push(n); renderNotes();
  }

  // ---- the outbox: notes wait here until the laptop has them ---------------------------------
  function queueNote(text) {
    outbox.push({ run: S.run.id, step_id: S.step.id, client_id: newId(), text: text,
                  color: S.color, zone_id: S.zone, state: "sending" });
    save("outbox", outbox); renderNotes(); flush();
  }
  // The notes of `step` still in the outbox (the laptop has not acknowledged them yet).
  function pending(step) {
    var acked = {};
    S.notes.forEach(function (n) { if (n.client_id) acked[n.client_id] = true; });
    return outbox.filter(function (o) { return o.step_id === step.id && !acked[o.client_id]; });
  }
  function flush() {
    var held = heldUntil - Date.now();  // the laptop said when: nothing goes before then
    if (sending || !outbox.length) return;
    if (held > 0) { clearTimeout(timers.flush); timers.flush = setTimeout(flush, held); return; }
    var item = outbox[0];
    sending = true;
    api("POST", "/api/steps/" + item.step_id + "/notes",
        { client_id: item.client_id, text: item.text, color: item.color, zone_id: item.zone_id },
        function (status, data, wait) {
      sending = false;
      if (status === 200 || status === 201) {
        outbox.shift(); save("outbox", outbox); upsertNote(data.note); flush(); return;
      }
      if (status === 403) { join(load("key", null)); return; }
      if (status === 0 || status === 429 || status >= 500) {
        item.state = "waiting"; renderNotes();
        wait = retryLater("flush", flush, wait);
        heldUntil = status ? Date.now() + wait : 0;  // no answer at all: a reconnect sends at once
        return;
      }
      outbox.shift(); save("outbox", outbox); renderNotes();
      alertBox(errorText(data, "phone.note_failed"));
      flush();
    });
  }
  function alertBox(text) { var a = $("note-error"); if (a) a.textContent = text; }

  // ---- drawing the step ----------------------------------------------------------------------
  function render(moved) {
    var main = $("main"), step = S.step, kind = step && KINDS[step.kind];
    main.textContent = "";
    if (!step) return;
    if (S.run && S.run.ended) {
      main.appendChild(el("h1", { text: t("phone.ended_title") }));
      main.appendChild(el("p", { text: t("phone.ended") }));
      return;
    }
    document.title = step.title + " \u2013 " + S.run.title;
    main.appendChild(el("p", { cls: "step-no", text: t("phone.step_of", { number: step.index + 1, count: step.count }) }));
    main.appendChild(el("h1", { text: step.title, dir: "auto" }));
    main.appendChild(el("p", { id: "timer", cls: "timer", hidden: true }));
    if (step.prompt) main.appendChild(el("p", { cls: "prompt", text: step.prompt, dir: "auto" }));
    if (step.closed) main.appendChild(el("p", { cls: "done", text: t("phone.step_closed") }));
    if (kind) kind.render(main, step);
    main.appendChild(el("section", { id: "results", "aria-live": "polite" }));
    renderResults();
    renderTimer();
    if (moved) { window.scrollTo(0, 0); main.focus(); }
  }
  function renderResults() {
    var box = $("results"), kind = S.step && KINDS[S.step.kind];
    if (!box) return;
    box.textContent = "";
    if (!kind || !kind.results || !S.results || !S.step.results_shown) { box.hidden = true; return; }
    box.hidden = false;
    box.appendChild(el("h2", { text: t("phone.results") }));
    kind.results(box, S.step, S.results);
  }
  function renderTimer() {
    clearInterval(timerTick);
    var line = $("timer"), run = S.run;
    if (!line || !run || !run.timer_running || run.timer_left === null) { if (line) line.hidden = true; return; }
    var end = Date.now() + run.timer_left * 1000;
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      line.hidden = false;
      line.textContent = left ? t("phone.time_left", { time: Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2) })
        : t("phone.time_up");
    }
    tick(); timerTick = setInterval(tick, 1000);
  }
  function picture(url, alt) {
    return url ? el("p", { cls: "figure" }, [el("img", { src: url, alt: alt })]) : null;
  }

  var KINDS = {};  // filled by each kind's part of the page

  // ---- answers: the latest one waits in local storage until the laptop has it --------------
  var answering = null;  // the answer on its way, so a newer one waits for it, never overtakes
  // done(answer), if given, hears the answer as the laptop stored it
  function sendAnswer(answer, status, thanks, done) {
    save("answer", { run: S.run.id, step_id: S.step.id, answer: answer });
    say(status, t("phone.answer_sending"), S.step.id);
    answering = answering && { status: status, thanks: thanks, done: done, busy: answering.busy };
    flushAnswer(status, thanks, done);
  }
  function flushAnswer(status, thanks, done) {
    var item = load("answer", null), sent = JSON.stringify(item);
    if (!item || !S.run || item.run !== S.run.id || (answering && answering.busy)) return;
    answering = { busy: true };
    api("PUT", "/api/steps/" + item.step_id + "/response", { answer: item.answer }, function (code, data, wait) {
      var next = answering || {};
      status = next.status || status; thanks = next.thanks || thanks; done = next.done || done;
      answering = null;
      if (code === 0 || code === 429 || code >= 500) {
        say(status, t("phone.answer_waiting"), item.step_id);
        retryLater("answer", function () { flushAnswer(status, thanks, done); }, wait);
        return;
      }
      if (code === 403) { join(load("key", null)); return; }  // joins again, then sends it
      if (JSON.stringify(load("answer", null)) !== sent) { flushAnswer(status, thanks, done); return; }
      store.removeItem("fac_answer");
      if (code === 200 && S.step && S.step.id === item.step_id) {
        S.answer = data.answer;
        if (done) done(data.answer);
      }
      say(status, code === 200 ? (thanks || t("phone.answer_thanks"))
        : errorText(data, "phone.answer_failed"), item.step_id);
    });
  }
  // What the page last said about the step's answer, kept so that a redraw of the step (its
  // state read again, the results shown) still says it; written to the line on the page now.
  function say(status, text, stepId) {
    S.said = { step: stepId, text: text };
    var line = $("answer-status") || status;
    if (line && S.step && S.step.id === stepId) line.textContent = text;
  }
  function statusLine() {
    var line = el("p", { id: "answer-status", cls: "hint", role: "status", "aria-live": "polite" });
    if (S.said && S.step && S.said.step === S.step.id) line.textContent = S.said.text;
    return line;
  }

  function noteForm(step) {
    var box = el("textarea", { id: "note-text", maxlength: "500", required: true });
    var count = el("span", { cls: "count grow", "aria-live": "off", dir: "ltr", text: "0 / 500" });
    box.value = S.draft || "";
    count.textContent = box.value.length + " / 500";
    box.addEventListener("input", function () { S.draft = box.value; count.textContent = box.value.length + " / 500"; });
    var form = el("form", { id: "note-form" }, [
      el("label", { "for": "note-text", text: t("phone.note_label") }), box, colorPicker(), zonePicker(step),
      el("p", { cls: "row" }, [count, el("button", { type: "submit", text: t("phone.note_add") })])]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = box.value.replace(/^\s+|\s+$/g, "");
      if (!text) { alertBox(t("phone.note_empty")); box.focus(); return; }
      alertBox(""); queueNote(text); box.value = S.draft = ""; count.textContent = "0 / 500"; box.focus();
    });
    return form;
  }
  function colorPicker() {
    var set = el("fieldset", { cls: "swatches" }, [el("legend", { text: t("phone.colour") })]);
    COLORS.forEach(function (c) {
      set.appendChild(el("label", { cls: "swatch" }, [
        el("input", { type: "radio", name: "color", value: c, "aria-label": t("phone.colour_" + c), checked: S.color === c,
                      onchange: function () { S.color = c; } }),
        el("span", { cls: "c-" + c })]));
    });
    return set;
  }
  function zonePicker(step) {
    if (!step.zones || !step.zones.length) { S.zone = null; return null; }
    var set = el("fieldset", { cls: "choices" }, [el("legend", { text: t("phone.zone") })]);
    if (!step.zones.some(function (z) { return z.id === S.zone; })) S.zone = step.zones[0].id;
    step.zones.forEach(function (z) {
      set.appendChild(el("label", { cls: "choice" }, [
        el("input", { type: "radio", name: "zone", value: String(z.id), checked: S.zone === z.id,
                      onchange: function () { S.zone = z.id; } }),
        el("span", { text: z.label, dir: "auto" })]));
    });
    return set;
  }

  function renderNotes() {
    var mine = $("mine"), others = $("others"), step = S.step, kind = step && KINDS[step.kind];
    if (kind && kind.notes) { kind.notes(step); return; }  // a kind that lists notes its own way
    if (!mine || !step) return;
    mine.textContent = ""; if (others) others.textContent = "";
    var acked = {};
    S.notes.forEach(function (n) {
      if (S.me && n.participant_id === S.me.id) {
        if (n.client_id) acked[n.client_id] = true;
        mine.appendChild(noteItem(n, t(n.hidden ? "phone.note_hidden" : "phone.note_sent")));
      } else if (others) others.appendChild(noteItem(n, null));
    });
    outbox.forEach(function (o) {
      if (o.step_id !== step.id || acked[o.client_id]) return;
      mine.appendChild(noteItem(o, t(o.state === "waiting" ? "phone.note_waiting" : "phone.note_sending"), o.state === "waiting"));
    });
    if (!mine.firstChild) mine.appendChild(el("li", { cls: "hint", text: t("phone.none_yet") }));
    if (others && !others.firstChild) others.appendChild(el("li", { cls: "hint", text: t("phone.none_yet") }));
    var left = $("votes-left");
    if (left) left.textContent = t("phone.votes_left", { n: step.votes - S.myVotes.length, total: step.votes }) +
      (step.vote_counts === false ? " " + t("phone.counts_later") : "");
  }
  // A note of the list; `state` (mine) says where it is, `waiting` when it waits for the laptop.
  function noteItem(n, state, waiting) {
    var meta = el("span", { text: state ? state : n.author, cls: waiting ? "state-waiting" : "author", dir: state ? null : "auto" });
    var item = el("li", { cls: "note c-" + (COLORS.indexOf(n.color) >= 0 ? n.color : "yellow") }, [
      el("div", { cls: "text", text: n.text, dir: "auto" }), el("div", { cls: "meta" }, [meta])]);
    if (!state && S.step.votes) item.lastChild.appendChild(voteButton(n));
    return item;
  }
  function voteButton(n) {
    var voted = S.myVotes.indexOf(n.id) >= 0;
    var b = el("button", { type: "button", cls: voted ? "" : "quiet", "aria-pressed": voted ? "true" : "false",
      text: t(voted ? "phone.voted" : "phone.vote") + (n.votes ? " \u00b7 " + n.votes : "") });  // null: counts kept back
    b.addEventListener("click", function () {
      api(voted ? "DELETE" : "POST", "/api/notes/" + n.id + "/votes", null, function (status, data) {
        if (status === 200) { S.myVotes = data.my_votes; n.votes = data.note.votes; renderNotes(); }
        else alertBox(errorText(data, "phone.no_connection"));
      });
    });
    return b;
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && S.me) { if (!es) loadState(); flush(); }
  });
  window.addEventListener("online", function () { flush(); flushAnswer(null); });

  window.FAC = { kinds: KINDS, S: S, el: el, api: api, load: load, save: save, $: $,
    errorText: errorText, alertBox: alertBox, picture: picture, noteForm: noteForm,
    renderNotes: renderNotes, render: render, sendAnswer: sendAnswer, statusLine: statusLine,
    start: begin, queueNote: queueNote, pending: pending, t: t };

  // The page in the language just chosen: the lines the page wrote itself, then the step.
  function redraw() {
    if (S.net) setNet(S.net.key, S.net.bad);
    if (S.me) showMe(); else if (!$("join").hidden) $("who-text").textContent = t("phone.not_joined");
    render();
  }
  // The page's words first, then the run; choosing another language redraws the page in it.
  function begin() {
    I18N.load(function () {
      I18N.picker($("lang"), redraw);
      start();
    });
  }
})();
