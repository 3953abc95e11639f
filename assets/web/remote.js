/* The facilitator's phone remote: next, previous, black screen, timer, reveal, close the step
   to answers or open it, show its results or hide them, and the incoming notes with hide. Sends the remote key as a Bearer token; follows the run on the remote's
   event stream (which takes the key in its address), or asks every two seconds without one.
   Its words come from the page's catalogues (i18n.js, loaded before this file). */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var m = /[?&]k=([^&#]+)/.exec(location.search);
  var key = m ? decodeURIComponent(m[1]) : null;
  try {
    if (key) { sessionStorage.setItem("fac_remote", key); history.replaceState(null, "", "/remote"); }
    else key = sessionStorage.getItem("fac_remote");
  } catch (e) { /* private mode: keep the key in memory */ }
  var state = null, timerTick = null, netSaid = null;
  var t = I18N.t;

  function api(method, url, done, body) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.timeout = 10000;
    x.setRequestHeader("Authorization", "Bearer " + (key || ""));
    if (body) x.setRequestHeader("Content-Type", "application/json");
    x.onload = function () {
      var data = {};
      try { data = JSON.parse(x.responseText) || {}; } catch (e) { /* not JSON */ }
      done(x.status, data);
    };
    x.onerror = x.ontimeout = function () { done(0, {}); };
    x.send(body ? JSON.stringify(body) : null);
  }
  // The connection line says the message `key`, kept for a change of language.
  function net(key, bad) {
    netSaid = { key: key, bad: bad };
    $("net").removeAttribute("data-t");
    $("net").textContent = t(key); $("net").className = bad ? "net bad" : "net";
  }
  function answer(status, data) {
    if (status === 200) { $("error").textContent = ""; net("phone.connected", false); if (data.run) show(data); }
    else if (status === 0) net("phone.waiting", true);
    else $("error").textContent = I18N.error(data, "remote.failed");
  }
  function show(data) {
    state = data;
    var step = data.step;
    $("where").textContent = t("phone.step_of", { number: step.index + 1, count: step.count }) + " \u00b7 " + kindName(step.kind);
    $("title").textContent = step.title;
    $("next").textContent = data.next_title ? t("remote.next_title", { title: data.next_title }) : t("remote.last_step");
    $("counts").textContent = t("remote.joined", { n: data.participants }) + " \u00b7 " + t("remote.online", { n: data.connected });
    $("black").textContent = t(data.run.black ? "remote.unblack" : "remote.black");
    $("timer-btn").textContent = t(data.run.timer_running ? "remote.timer_stop" : "remote.timer_start");
    $("reveal").hidden = !(step.kind === "whiteboard" && step.reveal);
    $("reveal").textContent = t(step.revealed ? "remote.unreveal" : "remote.reveal");
    $("notes-title").hidden = step.kind !== "whiteboard";
    var collects = step.closed !== undefined;  // the step takes notes or answers from phones
    $("answers").hidden = $("results").hidden = !collects;
    $("answers").textContent = t(step.closed ? "remote.open" : "remote.close");
    $("results").textContent = t(step.results_shown ? "remote.results_hide" : "remote.results_show");
    if (data.run.ended) $("error").textContent = t("remote.ended");
    timer(data.run);
  }
  // A kind's name as its part of the catalogue says it (the key <kind>.name), else its id.
  function kindName(kind) { return I18N.has(kind + ".name") ? t(kind + ".name") : kind; }
  function timer(run) {
    clearInterval(timerTick);
    var line = $("timer");
    if (!run.timer_running || run.timer_left === null) { line.hidden = true; return; }
    var end = Date.now() + run.timer_left * 1000;
    function tick() {
      var left = Math.round((end - Date.now()) / 1000), a = Math.abs(left);
      var time = Math.floor(a / 60) + ":" + ("0" + (a % 60)).slice(-2);
      line.hidden = false;
      line.textContent = left < 0 ? t("remote.over_by", { time: time }) : time;
    }
    tick(); timerTick = setInterval(tick, 1000);
  }
  function notes(status, data) {
    var list = $("notes");
    if (status !== 200 || !state || state.step.kind !== "whiteboard") { if (status === 200) list.textContent = ""; return; }
    list.textContent = "";
    (data.notes || []).forEach(function (n) {
      var item = document.createElement("li");
      item.className = "note c-" + n.color + (n.hidden ? " hidden-note" : "");
      var text = document.createElement("div");
      text.className = "text"; text.textContent = n.text; text.dir = "auto";
      var meta = document.createElement("div");
      meta.className = "meta";
      var who = document.createElement("span");
      who.textContent = n.author + (n.hidden ? " \u00b7 " + t("remote.hidden") : "") +
        (n.votes ? " \u00b7 " + t("remote.votes", { n: n.votes }) : "");
      var b = document.createElement("button");
      b.type = "button"; b.className = "quiet"; b.textContent = t(n.hidden ? "remote.show" : "remote.hide");
      b.addEventListener("click", function () {
        api("POST", "/api/remote/notes/" + n.id + (n.hidden ? "/unhide" : "/hide"), function (s, d) {
          answer(s, d); refresh();
        });
      });
      meta.appendChild(who); meta.appendChild(b);
      item.appendChild(text); item.appendChild(meta);
      list.appendChild(item);
    });
    if (!list.firstChild) { var none = document.createElement("li"); none.className = "hint"; none.textContent = t("remote.no_notes"); list.appendChild(none); }
  }
  function act(path) { return function () { api("POST", "/api/remote/" + path, function (s, d) { answer(s, d); refresh(); }); }; }
  function refresh(after) {
    api("GET", "/api/remote/state", function (s, d) {
      answer(s, d);
      if (s === 200) fetchNotes(d);
      if (after) after(s);
    });
  }
  function fetchNotes(d) {
    if (d.step.kind === "whiteboard") api("GET", "/api/remote/notes", notes);
    else $("notes").textContent = "";
  }
  // A state event comes at once and whenever something changes. A stream the server refused
  // (a wrong key) closes: asking for the state then shows why, and listens again if it can.
  function listen() {
    if (!window.EventSource) { setInterval(refresh, 2000); return; }
    var es = new EventSource("/api/remote/events?k=" + encodeURIComponent(key || ""));
    es.addEventListener("state", function (ev) {
      var d; try { d = JSON.parse(ev.data); } catch (e) { return; }
      answer(200, d); fetchNotes(d);
    });
    es.onerror = function () {
      net("phone.waiting", true);
      if (es.readyState === 2) { es.close(); reconnect(); }
    };
  }
  function reconnect() {
    refresh(function (s) {
      if (s === 200) setTimeout(listen, 1000 + Math.random() * 2000);
      else if (s === 0 || s >= 500) setTimeout(reconnect, 5000);
    });
  }
  $("prev").addEventListener("click", act("prev"));
  $("next-btn").addEventListener("click", act("next"));
  $("black").addEventListener("click", act("black"));
  $("timer-btn").addEventListener("click", act("timer"));
  $("reveal").addEventListener("click", act("reveal"));
  function send(path, body) { api("POST", "/api/remote/" + path, function (s, d) { answer(s, d); }, body); }
  $("answers").addEventListener("click", function () { send("answers", { open: !!(state && state.step.closed) }); });
  $("results").addEventListener("click", function () { send("results", { shown: !(state && state.step.results_shown) }); });
  // The page in the language just chosen: what it wrote itself, then the run again.
  function redraw() {
    if (netSaid) net(netSaid.key, netSaid.bad);
    if (state) { show(state); fetchNotes(state); }
    if (!key) $("error").textContent = t("remote.no_key");
  }
  I18N.load(function () {
    I18N.picker($("lang"), redraw);
    if (!key) $("error").textContent = t("remote.no_key");
    if (key) listen(); else refresh();
  });
})();
