/* A whiteboard on the phone: a box to add notes, my notes, and everyone's when the board
   shows them (after the reveal, if it has one), with dot votes. */
FAC.kinds.whiteboard = {
  render: function (main, step) {
    var el = FAC.el;
    if (!step.closed) main.appendChild(FAC.noteForm(step));
    main.appendChild(el("p", { id: "note-error", cls: "error", role: "alert" }));
    main.appendChild(el("h2", { text: "Your notes" }));
    main.appendChild(el("ul", { id: "mine", cls: "notes" }));
    if (step.reveal && !step.revealed)
      main.appendChild(el("p", { cls: "hint", text: "Everyone's notes appear here when the facilitator reveals them." }));
    if (step.anonymous)
      main.appendChild(el("p", { cls: "hint", text: "This board is anonymous: nobody else sees who wrote which note." }));
    if (step.show_others) {
      main.appendChild(el("h2", { id: "others-title", text: "Everyone's notes" }));
      if (step.votes) main.appendChild(el("p", { id: "votes-left", cls: "hint" }));
      main.appendChild(el("ul", { id: "others", cls: "notes" }));
    }
    FAC.renderNotes();
  }
};
