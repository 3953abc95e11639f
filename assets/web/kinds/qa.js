/* Q&A on the phone: ask (a note, via the outbox), upvote (a vote each, tap again to take it
   back). Order as model/kinds/qa.py: being answered, by upvotes, answered last. The form
   survives redraws, so typing is never lost. */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, form = null, formStep = null, box = null, typing = false;

  function askForm(step) {
    if (form && formStep === step.id) return form;
    var count = el("span", { cls: "count grow", "aria-live": "off", text: "0 / 500" });
    box = el("textarea", { id: "note-text", maxlength: "500", required: true, dir: "auto" });
    box.addEventListener("input", function () { S.draft = box.value; count.textContent = box.value.length + " / 500"; });
    box.addEventListener("focus", function () { typing = true; });
    box.addEventListener("blur", function () {  // a redraw is not a blur
      var b = box; setTimeout(function () { if (document.body.contains(b)) typing = false; }, 0);
    });
    form = el("form", { id: "note-form" }, [el("label", { "for": "note-text", text: t("qa.ask_label") }), box,
      el("p", { cls: "row" }, [count, el("button", { type: "submit", text: t("qa.send") })])]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = box.value.replace(/^\s+|\s+$/g, "");
      if (!text) { FAC.alertBox(t("qa.write_first")); box.focus(); return; }
      FAC.alertBox(""); S.zone = null; FAC.queueNote(text);
      box.value = S.draft = ""; count.textContent = "0 / 500"; box.focus();
    });
    formStep = step.id;
    return form;
  }

  function order(step, done) {
    function place(n) { return n.id === step.answering ? 0 : done[n.id] ? 2 : 1; }
    return S.notes.slice().sort(function (a, b) {
      return place(a) - place(b) || (b.votes || 0) - (a.votes || 0) || a.id - b.id;
    });
  }
  function tag(text, cls) { return el("span", { cls: "qa-tag" + (cls ? " " + cls : ""), text: text }); }

  function upvote(n, step) {
    var on = S.myVotes.indexOf(n.id) >= 0, votes = n.votes || 0;
    var b = el("button", { type: "button", cls: "qa-up" + (on ? " on" : ""), "aria-pressed": on ? "true" : "false",
      "aria-label": t(on ? "qa.upvoted_label" : "qa.upvote_label", { n: votes }), disabled: step.closed || n.hidden },
      [el("span", { "aria-hidden": "true", text: "\u25b2" }), el("span", { "aria-hidden": "true", text: String(votes) })]);
    b.addEventListener("click", function () {
      b.disabled = true;
      FAC.api(on ? "DELETE" : "POST", "/api/notes/" + n.id + "/votes", null, function (status, data) {
        if (status === 200) { S.myVotes = data.my_votes; n.votes = data.note.votes; FAC.alertBox(""); }
        else FAC.alertBox(FAC.errorText(data, "qa.vote_failed"));
        FAC.renderNotes();
      });
    });
    return b;
  }

  function question(n, step, done, state) {
    var mine = state || (S.me && n.participant_id === S.me.id), now = n.id === step.answering;
    var tags = el("p", { cls: "qa-tags" });
    if (now) tags.appendChild(tag(t("qa.now_answering"), "qa-now"));
    if (done[n.id]) tags.appendChild(tag(t("qa.answered")));
    if (mine) tags.appendChild(tag(state || t("qa.yours"), "qa-yours"));
    if (n.hidden) tags.appendChild(tag(t("qa.hidden")));
    if (!mine && !step.anonymous && n.author) tags.appendChild(el("span", { cls: "author", dir: "auto", text: n.author }));
    var cls = "qa-q" + (now ? " qa-answering" : "") + (done[n.id] || n.hidden ? " qa-done" : "");
    return el("li", { cls: cls }, [state ? el("span", { cls: "qa-up qa-none" }) : upvote(n, step),
      el("div", { cls: "qa-body" }, [el("p", { cls: "qa-text", dir: "auto", text: n.text }), tags])]);
  }

  function list(step) {
    var ol = FAC.$("qa-list"), done = {};
    if (!ol) return;
    (step.answered || []).forEach(function (id) { done[id] = true; });
    ol.textContent = "";
    FAC.pending(step).forEach(function (o) {
      ol.appendChild(question(o, step, done, t(o.state === "waiting" ? "qa.yours_waiting" : "qa.yours_sending")));
    });
    order(step, done).forEach(function (n) { ol.appendChild(question(n, step, done, null)); });
    if (!ol.firstChild) ol.appendChild(el("li", { cls: "hint", text: t("qa.none_yet") }));
  }

  FAC.kinds.qa = {
    render: function (main, step) {
      if (!step.closed) {
        main.appendChild(askForm(step));
        if (box.value !== (S.draft || "")) box.value = S.draft || "";
      }
      main.appendChild(el("p", { id: "note-error", cls: "error", role: "alert" }));
      main.appendChild(el("h2", { text: t("qa.questions") }));
      main.appendChild(el("p", { cls: "hint", text: t("qa.upvote_hint") +
        (step.anonymous ? " " + t("qa.anonymous_hint") : "") }));
      main.appendChild(el("ol", { id: "qa-list", cls: "qa-list" }));
      list(step);
      if (typing && !step.closed) box.focus();
    },
    notes: list
  };
})();
