/* Ranking: my order of the items, Up/Down on each (and a grip to drag where pointer events
   exist); send and change until closed. An unsent order survives redrawing. */
(function () {
  var el = FAC.el, S = FAC.S, t = FAC.t, draft = null;
  function num(n, places) {  // in the page's language: "3.5", "3,5"
    var d = places || 0;
    return n.toLocaleString(I18N.lang(), { minimumFractionDigits: d, maximumFractionDigits: d });
  }

  FAC.kinds.ranking = {
    render: function (main, step) {
      var items = step.items || [], o = S.answer && S.answer.order, i;
      var mine = o && o.length === items.length ? o.slice() : null, order = [];
      for (i = 0; i < items.length; i++) order.push(i);
      if (draft && draft.step === step.id && !step.closed) order = draft.order.slice();
      else if (mine) order = mine.slice();
      var list = el("ol", { cls: "rank" }), status = FAC.statusLine(), was = el("div", { cls: "hint" });
      var moved = el("p", { cls: "hint", "aria-live": "polite" }), send = el("button", { type: "button" });

      function button(cls, text, label, off, by, place) {
        return el("button", { type: "button", cls: "quiet " + cls, text: text, disabled: off,
          "aria-label": label, onclick: function () { move(place, by); } });
      }
      function row(item, place) {
        var text = items[item], li = el("li", { "data-item": String(item) }, [
          el("span", { cls: "place", text: String(place + 1) }), el("span", { cls: "text", text: text })]);
        if (step.closed) return li;
        if (window.PointerEvent) li.appendChild(el("span", { cls: "grip", "aria-hidden": "true", text: "\u2630",
          onpointerdown: function (ev) { grab(ev, li); } }));
        var last = place === order.length - 1;
        li.appendChild(button("up", "\u25b2", t("ranking.move_up", { item: text }), place === 0, -1, place));
        li.appendChild(button("down", "\u25bc", t("ranking.move_down", { item: text }), last, 1, place));
        return li;
      }
      function draw() {
        list.textContent = "";
        order.forEach(function (item, place) { list.appendChild(row(item, place)); });
        send.textContent = t(mine ? "ranking.change" : "ranking.send");
        was.textContent = "";
        if (mine && mine.join() !== order.join()) {
          was.appendChild(el("p", { text: t("ranking.unsent") }));
          was.appendChild(el("ol", {}, mine.map(function (item) { return el("li", { text: items[item] }); })));
        }
      }
      function changed() { draft = { step: step.id, order: order.slice() }; moved.textContent = status.textContent = ""; draw(); }
      function move(place, by) {
        var item = order[place], to = place + by;
        order.splice(place, 1); order.splice(to, 0, item);
        changed();
        var up = by < 0 ? to > 0 : to === order.length - 1;  // the same way on, else back
        list.children[to].querySelector(up ? ".up" : ".down").focus();
        moved.textContent = t("ranking.moved", { item: items[item], place: to + 1, count: order.length });
      }
      function grab(ev, li) {
        if (ev.button > 0) return;
        ev.preventDefault();
        li.className = "dragging";
        function follow(e) {
          var kids = list.children, k, r;
          for (k = 0; k < kids.length; k++) {
            r = kids[k].getBoundingClientRect();
            if (kids[k] !== li && e.clientY < r.top + r.height / 2) {
              if (li.nextSibling !== kids[k]) list.insertBefore(li, kids[k]);
              return;
            }
          }
          if (list.lastChild !== li) list.appendChild(li);
        }
        function drop() {
          ["pointermove", "pointerup", "pointercancel"].forEach(function (t, n) {
            document.removeEventListener(t, n ? drop : follow);
          });
          order = Array.prototype.map.call(list.children, function (c) { return +c.getAttribute("data-item"); });
          changed();
        }
        ["pointermove", "pointerup", "pointercancel"].forEach(function (t, n) {
          document.addEventListener(t, n ? drop : follow);
        });
      }
      send.addEventListener("click", function () {
        mine = order.slice(); draw();
        FAC.sendAnswer({ order: mine.slice() }, status, t("ranking.thanks"));
      });

      draw();
      if (step.closed && !mine) return main.appendChild(el("p", { cls: "hint", text: t("ranking.not_sent") }));
      main.appendChild(el("p", { cls: "hint", text: t(step.closed ? "ranking.yours" : "ranking.how") }));
      main.appendChild(list);
      if (step.closed) return;
      main.appendChild(moved);
      main.appendChild(el("p", { cls: "row" }, [send]));
      main.appendChild(was);
      main.appendChild(status);
      if (mine) status.textContent = t("ranking.saved");
    },
    results: function (box, step, results) {
      var n = results.answered || 0, list = el("ul", { cls: "rank-results" });
      if (!S.answer && !step.closed)
        return box.appendChild(el("p", { cls: "hint", text: t("ranking.send_first") }));
      box.appendChild(el("p", { cls: "hint", text: t("ranking.ranked", { n: n }) }));
      (results.items || []).forEach(function (it, p) {
        var fill = el("span", { cls: "fill" });
        fill.style.width = Math.round((it.score || 0) * 100) + "%";
        list.appendChild(el("li", {}, [el("b", { text: p + 1 + "." }), el("span", { cls: "text", text: it.text }),
          el("b", { text: it.average === null ? "-" : num(it.average, 1) }),
          el("span", { cls: "track", "aria-hidden": "true" }, [fill])]));
      });
      if (n) box.appendChild(list);
    }
  };
})();
