/* A whiteboard on the phone: a box to add notes, my notes, and everyone's when the board
   shows them (after the reveal, if it has one), with dot votes. */
FAC.kinds.whiteboard = {
  render: function (main, step) {
    var el = FAC.el, t = FAC.t;
    if (!step.closed) main.appendChild(FAC.noteForm(step));
    main.appendChild(el("p", { id: "note-error", cls: "error", role: "alert" }));
    main.appendChild(el("h2", { text: t("whiteboard.your_notes") }));
    main.appendChild(el("ul", { id: "mine", cls: "notes" }));
    if (step.reveal && !step.revealed)
      main.appendChild(el("p", { cls: "hint", text: t("whiteboard.reveal_hint") }));
    if (step.anonymous)
      main.appendChild(el("p", { cls: "hint", text: t("whiteboard.anonymous_hint") }));
    if (step.show_others) {
      main.appendChild(el("h2", { id: "others-title", text: t("whiteboard.everyones_notes") }));
      if (step.votes) main.appendChild(el("p", { id: "votes-left", cls: "hint" }));
      main.appendChild(el("ul", { id: "others", cls: "notes" }));
    }
    FAC.renderNotes();
  }
};
