/* A video step on the phone: the film plays on the big screen; the phone shows its question. */
FAC.kinds.video = {
  render: function (main, step) {
    main.appendChild(FAC.el("p", { cls: "hint",
      text: FAC.t("video.on_screen") + (step.caption ? " " + step.caption : "") }));
  }
};
