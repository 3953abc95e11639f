/* A position step on the phone: tap the picture where you are; tap again to move your dot. */
FAC.kinds.position = {
  render: function (main, step) {
    var el = FAC.el, mine = FAC.S.answer;
    var dot = el("span", { cls: "dot", hidden: !mine });
    var saved = FAC.statusLine();
    saved.textContent = mine ? "Your dot is on the picture. Tap again to move it." : "Tap the picture where you are.";
    var img = el("img", { src: step.image, alt: "The picture to place yourself on" });
    var box = el("div", { cls: "picture" }, [img, dot]);
    function show(p) { dot.hidden = false; dot.style.left = p.x * 100 + "%"; dot.style.top = p.y * 100 + "%"; }
    if (mine) show(mine);
    box.addEventListener("click", function (ev) {
      if (step.closed) return;
      var r = img.getBoundingClientRect();
      var p = { x: Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width)),
                y: Math.min(1, Math.max(0, (ev.clientY - r.top) / r.height)) };
      show(p);
      FAC.sendAnswer(p, saved, "Saved. Tap again to move your dot.");
    });
    if (step.image) main.appendChild(box);
    main.appendChild(saved);
  }
};
