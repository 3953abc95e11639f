/* A reflect step on the phone: the question, and a private scratch note kept on this phone. */
FAC.kinds.reflect = {
  render: function (main, step) {
    var key = "scratch_" + FAC.S.run.id + "_" + step.id;
    var box = FAC.el("textarea", { id: "scratch", maxlength: "2000",
      oninput: function () { FAC.save(key, box.value); } });
    box.value = FAC.load(key, "");
    main.appendChild(FAC.el("label", { "for": "scratch", text: FAC.t("reflect.scratch_label") }));
    main.appendChild(box);
  }
};
