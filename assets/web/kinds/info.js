/* An info slide on the phone: its title and text, and its picture if it has one. */
FAC.kinds.info = {
  render: function (main, step) { if (step.image) main.appendChild(FAC.picture(step.image, "")); }
};
