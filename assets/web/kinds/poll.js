/* A poll on the phone: the options as big tap targets (radio buttons, or checkboxes up to the
   number one may pick), one button to send and to change, read-only once closed; while the
   facilitator shows them, the room's results as bars. A pick not yet sent survives the page
   redrawing (results being shown, the step closing). */
(function () {
  var el = FAC.el, S = FAC.S, draft = null, sent = null;
  var THANKS = "Thank you: your vote is in. You can change it until the poll closes.";

  function picked(step) {
    if (draft && draft.step === step.id && !step.closed) return draft.choices;
    return (S.answer && S.answer.choices) || [];
  }
  function people(n) { return n === 1 ? "1 person" : n + " people"; }

  FAC.kinds.poll = {
    render: function (main, step) {
      var many = step.choose > 1, mine = picked(step), status = FAC.statusLine();
      var set = el("fieldset", { cls: "poll" }, [
        el("legend", { text: many ? "Pick up to " + step.choose : "Pick one" })]);
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
      var send = el("button", { type: "submit", text: S.answer ? "Change my vote" : "Send" });
      var form = el("form", { id: "poll" }, [set]);
      if (!step.closed) form.appendChild(el("p", { cls: "row" }, [send]));
      form.appendChild(status);
      if (S.answer) status.textContent = step.closed ? "Your vote is in." : THANKS;
      else if (step.closed) status.textContent = "You did not vote on this poll.";
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var choices = read();
        if (!choices.length) { status.textContent = "Pick an option first."; return; }
        send.textContent = "Change my vote";
        sent = { step: step.id, choices: choices };
        FAC.sendAnswer({ choices: choices }, status, THANKS);
      });
      limit();
      main.appendChild(form);
    },
    results: function (box, step, results) {
      var mine = S.answer ? S.answer.choices : sent && sent.step === step.id ? sent.choices : [];
      if (!mine.length && !step.closed) {  // vote first: no following the crowd
        box.appendChild(el("p", { cls: "hint", text: "The results appear here once you have voted." }));
        return;
      }
      (results.options || []).forEach(function (o) {
        var fill = el("span", { cls: "poll-fill" });
        fill.style.width = Math.min(100, o.share) + "%";
        var yours = mine.indexOf(o.index) >= 0;
        box.appendChild(el("div", { cls: yours ? "poll-result mine" : "poll-result" }, [
          el("p", { cls: "poll-label" }, [el("span", { text: (yours ? "\u2713 " : "") + o.text }),
            el("b", { text: Math.floor(o.share + 0.5) + "% (" + o.count + ")" })]),
          el("span", { cls: "poll-track", "aria-hidden": "true" }, [fill])]));
      });
      box.appendChild(el("p", { cls: "hint", text: people(results.answered) + " voted" +
        (results.choose > 1 ? "; each could pick up to " + results.choose +
          ", so the shares add up to more than 100%." : ".") }));
    }
  };
})();
