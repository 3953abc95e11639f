/* A word cloud on the phone: up to N short answers (1-3 words each); send, change and send
   again until the facilitator closes it. What is typed but not sent survives the page redrawing
   (a `board` event reloads the state). Results: the top words as a list with counts. */
(function () {
  var el = FAC.el, S = FAC.S, draft = null;
  var THANKS = "Thank you: your words are in. You can change them until the step closes.";

  FAC.kinds.wordcloud = {
    render: function (main, step) {
      var given = (S.answer && S.answer.words) || [], n = step.words || 1, inputs = [], i;
      var mine = draft && draft.step === step.id ? draft.words : given;
      var form = el("form", { id: "wordcloud" }), status = FAC.statusLine();
      form.appendChild(el("p", { cls: "hint", text: n === 1 ? "One word or a short phrase (up to 3 words)."
        : "Up to " + n + " answers, each a word or a short phrase (up to 3 words)." }));
      for (i = 0; i < n; i++) {
        var box = el("input", { type: "text", id: "word" + i, maxlength: String(step.max_chars || 40),
          autocomplete: "off", autocapitalize: "off", "aria-label": "Answer " + (i + 1) + " of " + n,
          disabled: step.closed });
        box.value = mine[i] || "";
        inputs.push(box); form.appendChild(box);
      }
      function read() { return inputs.map(function (b) { return b.value; }); }
      form.addEventListener("input", function () { draft = { step: step.id, words: read() }; });
      var mineBox = el("div", { cls: "wc-mine" });
      function showMine() {
        var words = (S.answer && S.answer.words) || [], list = el("ul");
        mineBox.textContent = "";
        if (!words.length) return;
        words.forEach(function (w) { list.appendChild(el("li", { text: w })); });
        mineBox.appendChild(el("p", { cls: "hint", text: "Your words:" }));
        mineBox.appendChild(list);
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        draft = { step: step.id, words: read() };
        FAC.sendAnswer({ words: read() }, status, THANKS, showMine);  // shown once stored
      });
      if (!step.closed) form.appendChild(el("p", { cls: "row" }, [el("button", { type: "submit", text: "Send" })]));
      form.appendChild(status);
      if (given.length && !step.closed) status.textContent = THANKS;
      form.appendChild(mineBox);
      showMine();
      main.appendChild(form);
    },
    results: function (box, step, results) {
      var list = el("ol", { cls: "wc-top" });
      (results.words || []).forEach(function (w) {
        list.appendChild(el("li", {}, [el("span", { cls: "grow", text: w.text }),
                                       el("b", { text: String(w.count) })]));
      });
      box.appendChild(list);
      if (!(results.words || []).length) box.appendChild(el("p", { cls: "hint", text: "No words yet." }));
      if (results.more > 0) box.appendChild(el("p", { cls: "hint", text: "and " + results.more + " more" }));
    }
  };
})();
