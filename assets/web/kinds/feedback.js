/* A feedback form on the phone: 1-5 ratings and free text; send, change and send again until
   the facilitator closes it. What is chosen but not sent survives the page redrawing. */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, draft = null;

  function question(q, i, given) {
    var mine = draft && draft.step === S.step.id ? draft.answers : {};
    var value = mine[q.id] !== undefined && mine[q.id] !== null ? mine[q.id] : given[q.id];
    if (q.type !== "rating") {
      var box = el("textarea", { id: "q" + i, maxlength: "2000" });
      box.value = value || "";
      return el("div", {}, [el("label", { "for": "q" + i, text: q.text }), box]);
    }
    var set = el("fieldset", { cls: "choices" }, [el("legend", { text: t("feedback.rating_legend", { question: q.text }) })]);
    for (var v = 1; v <= 5; v++) {
      set.appendChild(el("label", { cls: "choice" }, [
        el("input", { type: "radio", name: "q" + i, value: String(v), checked: value === v,
                      "aria-label": t("feedback.rating_value", { value: v }) }),
        el("span", { text: String(v), "aria-hidden": "true" })]));
    }
    return set;
  }

  FAC.kinds.feedback = {
    render: function (main, step) {
      var given = (S.answer && S.answer.answers) || {};
      var form = el("form", { id: "feedback" });
      (step.questions || []).forEach(function (q, i) { form.appendChild(question(q, i, given)); });
      var status = FAC.statusLine();
      if (!step.closed) form.appendChild(el("p", { cls: "row" }, [el("button", { type: "submit", text: t("feedback.send") })]));
      form.appendChild(status);
      if (S.answer) status.textContent = t("feedback.thanks");
      function read() {
        var answers = {};
        (step.questions || []).forEach(function (q, i) {
          if (q.type === "rating") {
            var c = form.querySelector("input[name=q" + i + "]:checked");
            answers[q.id] = c ? parseInt(c.value, 10) : null;
          } else answers[q.id] = form.querySelector("#q" + i).value;
        });
        return answers;
      }
      form.addEventListener("change", function () { draft = { step: step.id, answers: read() }; });
      form.addEventListener("input", function () { draft = { step: step.id, answers: read() }; });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        FAC.sendAnswer({ answers: read() }, status, t("feedback.thanks"));
      });
      if (step.closed) Array.prototype.forEach.call(form.elements, function (e) { e.disabled = true; });
      main.appendChild(form);
    }
  };
})();
