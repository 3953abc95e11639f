/* A poll on the phone: the options as big tap targets (radio buttons, or checkboxes up to the
   number one may pick), one button to send and to change, read-only once closed; while the
   facilitator shows them, the room's results as bars. A pick not yet sent survives the page
   redrawing (results being shown, the step closing). */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, draft = null, sent = null;

  function picked(step) {
    if (draft && draft.step === step.id && !step.closed) return draft.choices;
    return (S.answer && S.answer.choices) || [];
  }
  function num(n) { return n.toLocaleString(I18N.lang()); }

  FAC.kinds.poll = {
    render: function (main, step) {
      var many = step.choose > 1, mine = picked(step), status = FAC.statusLine();
      var set = el("fieldset", { cls: "poll" }, [
        el("legend", { text: many ? t("poll.pick_up_to", { n: step.choose }) : t("poll.pick_one") })]);
      var boxes = (step.options || []).map(function (text, i) {
        var box = el("input", { type: many ? "checkbox" : "radio", name: "poll", value: String(i),
                                checked: mine.indexOf(i) >= 0 });
        set.appendChild(el("label", { cls: "poll-option" }, [box, el("span", { text: text })]));
        return box;
      });
      function read() {
        var out = [];
        boxes.forEach(function (b, i) { if (b.checked) out.push(i); });
        return out;
      }
      function limit() {  // a full hand: the other options wait until one is let go
        var full = many && read().length >= step.choose;
        boxes.forEach(function (b) { b.disabled = step.closed || (full && !b.checked); });
      }
      set.addEventListener("change", function () { draft = { step: step.id, choices: read() }; limit(); });
      var send = el("button", { type: "submit", text: t(S.answer ? "poll.change" : "poll.send") });
      var form = el("form", { id: "poll" }, [set]);
      if (!step.closed) form.appendChild(el("p", { cls: "row" }, [send]));
      form.appendChild(status);
      if (S.answer) status.textContent = t(step.closed ? "poll.voted_closed" : "poll.thanks");
      else if (step.closed) status.textContent = t("poll.not_voted");
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var choices = read();
        if (!choices.length) { status.textContent = t("poll.pick_first"); return; }
        send.textContent = t("poll.change");
        sent = { step: step.id, choices: choices };
        FAC.sendAnswer({ choices: choices }, status, t("poll.thanks"));
      });
      limit();
      main.appendChild(form);
    },
    results: function (box, step, results) {
      var mine = S.answer ? S.answer.choices : sent && sent.step === step.id ? sent.choices : [];
      if (!mine.length && !step.closed) {  // vote first: no following the crowd
        box.appendChild(el("p", { cls: "hint", text: t("poll.vote_first") }));
        return;
      }
      (results.options || []).forEach(function (o) {
        var fill = el("span", { cls: "poll-fill" });
        fill.style.width = Math.min(100, o.share) + "%";
        var yours = mine.indexOf(o.index) >= 0;
        box.appendChild(el("div", { cls: yours ? "poll-result mine" : "poll-result" }, [
          el("p", { cls: "poll-label" }, [el("span", { text: (yours ? "\u2713 " : "") + o.text }),
            el("b", { text: t("poll.figure",
              { share: num(Math.floor(o.share + 0.5)), count: num(o.count) }) })]),
          el("span", { cls: "poll-track", "aria-hidden": "true" }, [fill])]));
      });
      var said = t("poll.voted", { n: results.answered || 0 });  // a sentence each, never spliced
      if (results.choose > 1) said += " " + t("poll.over_100", { n: results.choose });
      box.appendChild(el("p", { cls: "hint", text: said }));
    }
  };
})();
