/* A word cloud on the phone: up to N short answers (1-3 words each); send, change and send
   again until the facilitator closes it. What is typed but not sent survives the page redrawing
   (a `board` event reloads the state). Results: the top words as a list with counts. */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, draft = null;
  function num(n) { return n.toLocaleString(I18N.lang()); }

  FAC.kinds.wordcloud = {
    render: function (main, step) {
      var given = (S.answer && S.answer.words) || [], n = step.words || 1, inputs = [], i;
      var mine = draft && draft.step === step.id ? draft.words : given;
      var form = el("form", { id: "wordcloud" }), status = FAC.statusLine();
      form.appendChild(el("p", { cls: "hint", text: t("wordcloud.how", { n: n }) }));
      for (i = 0; i < n; i++) {
        var box = el("input", { type: "text", id: "word" + i, maxlength: String(step.max_chars || 40),
          autocomplete: "off", autocapitalize: "off",
          "aria-label": t("wordcloud.answer_of", { number: i + 1, count: n }),
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
        mineBox.appendChild(el("p", { cls: "hint", text: t("wordcloud.yours") }));
        mineBox.appendChild(list);
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        draft = { step: step.id, words: read() };
        FAC.sendAnswer({ words: read() }, status, t("wordcloud.thanks"), showMine);  // once stored
      });
      if (!step.closed)
        form.appendChild(el("p", { cls: "row" }, [el("button", { type: "submit", text: t("wordcloud.send") })]));
      form.appendChild(status);
      if (given.length && !step.closed) status.textContent = t("wordcloud.thanks");
      form.appendChild(mineBox);
      showMine();
      main.appendChild(form);
    },
    results: function (box, step, results) {
      var list = el("ol", { cls: "wc-top" });
      (results.words || []).forEach(function (w) {
        list.appendChild(el("li", {}, [el("span", { cls: "grow", text: w.text }),
                                       el("b", { text: num(w.count) })]));
      });
      box.appendChild(list);
      if (!(results.words || []).length) box.appendChild(el("p", { cls: "hint", text: t("wordcloud.none") }));
      if (results.more > 0) box.appendChild(el("p", { cls: "hint", text: t("wordcloud.more", { n: results.more }) }));
    }
  };
})();
