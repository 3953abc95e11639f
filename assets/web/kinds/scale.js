/* A scale step on the phone: a row of numbers per statement (radio buttons drawn as big
   buttons, the scale's end labels under its ends); any statement may be skipped. Send, change
   and send again until the facilitator closes it; what is chosen but not sent survives the
   page redrawing (once closed, only what was sent shows). Results: each statement's mean as
   a bar along the scale. */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, draft = null;
  function num(n, places) {  // in the page's language: "3.5", "3,5"
    var d = places || 0;
    return n.toLocaleString(I18N.lang(), { minimumFractionDigits: d, maximumFractionDigits: d });
  }

  function statement(step, text, i, chosen) {
    var low = step.scale[0], high = step.scale[1], labels = step.labels || ["", ""];
    var row = el("div", { cls: "scale-row" + (high - low > 6 ? " wide" : "") });
    for (var v = low; v <= high; v++) {
      var end = v === low ? labels[0] : v === high ? labels[1] : "";
      row.appendChild(el("label", { cls: "scale-value" }, [
        el("input", { type: "radio", name: "s" + i, value: String(v), checked: chosen === v,
                      "aria-label": end ? t("scale.value_label", { value: v, label: end }) : String(v) }),
        el("span", { text: String(v), "aria-hidden": "true" })]));
    }
    var ends = el("p", { cls: "scale-ends", "aria-hidden": "true" }, [
      el("span", { text: labels[0] ? t("scale.end", { value: low, label: labels[0] }) : "" }),
      el("span", { text: labels[1] ? t("scale.end", { value: high, label: labels[1] }) : "" })]);
    return el("fieldset", { cls: "scale" }, [el("legend", { text: text }), row, ends]);
  }

  function read(form, step) {
    var ratings = {}, any = false;
    (step.statements || []).forEach(function (t, i) {
      var c = form.querySelector("input[name=s" + i + "]:checked");
      if (c) { ratings[String(i)] = parseInt(c.value, 10); any = true; }
    });
    return any ? ratings : null;
  }

  FAC.kinds.scale = {
    render: function (main, step) {
      var given = (S.answer && S.answer.ratings) || {};
      var mine = draft && draft.step === step.id && !step.closed ? draft.ratings || {} : given;
      var form = el("form", { id: "scale" });
      (step.statements || []).forEach(function (text, i) {
        form.appendChild(statement(step, text, i, mine[i] === undefined ? null : mine[i]));
      });
      var status = FAC.statusLine();
      var send = el("button", { type: "submit", text: t(S.answer ? "scale.change" : "scale.send") });
      if (!step.closed) form.appendChild(el("p", { cls: "row" }, [send]));
      form.appendChild(status);
      if (S.answer) status.textContent = t(step.closed ? "scale.saved_closed" : "scale.thanks");
      form.addEventListener("change", function () { draft = { step: step.id, ratings: read(form, step) }; });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var ratings = read(form, step);
        if (!ratings) { status.textContent = t("scale.choose_first"); return; }
        send.textContent = t("scale.change");
        FAC.sendAnswer({ ratings: ratings }, status, t("scale.thanks"));
      });
      if (step.closed) Array.prototype.forEach.call(form.elements, function (e) { e.disabled = true; });
      main.appendChild(form);
    },
    results: function (box, step, results) {
      var low = step.scale[0], high = step.scale[1];
      (results.statements || []).forEach(function (s) {
        var fill = el("span", { cls: "scale-fill" });
        fill.style.width = s.mean === null ? "0" : Math.round(100 * (s.mean - low) / (high - low)) + "%";
        var figure = s.mean === null ? t("scale.no_ratings") : t("scale.mean",
          { mean: num(s.mean, 1), low: num(low), high: num(high), n: s.count });
        box.appendChild(el("div", { cls: "scale-result" }, [
          el("p", { cls: "scale-text", text: s.text }),
          el("div", { cls: "scale-track", "aria-hidden": "true" }, [fill]),
          el("p", { cls: "hint", text: figure })]));
      });
    }
  };
})();
