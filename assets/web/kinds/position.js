/* A position step on the phone: tap the picture where you are; tap again to move your dot. */
FAC.kinds.position = {
  render: function (main, step) {
    var el = FAC.el, t = FAC.t, mine = FAC.S.answer;
    var dot = el("span", { cls: "dot", hidden: !mine });
    var saved = FAC.statusLine();
    saved.textContent = t(mine ? "position.placed" : "position.tap");
    var img = el("img", { src: step.image, alt: t("position.picture_alt") });
    var box = el("div", { cls: "picture" }, [img, dot]);
    function show(p) { dot.hidden = false; dot.style.left = p.x * 100 + "%"; dot.style.top = p.y * 100 + "%"; }
    if (mine) show(mine);
    box.addEventListener("click", function (ev) {
      if (step.closed) return;
      var r = img.getBoundingClientRect();
      var p = { x: Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width)),
                y: Math.min(1, Math.max(0, (ev.clientY - r.top) / r.height)) };
      show(p);
      FAC.sendAnswer(p, saved, t("position.saved"));
    });
    if (step.image) main.appendChild(box);
    main.appendChild(saved);
  }
};
