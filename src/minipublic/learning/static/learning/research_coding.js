// Optional help on the coding page: selecting words in a numbered paragraph fills the
// form's paragraph number and exact words. Without JavaScript the form works as it is.
(function () {
  "use strict";
  function paragraphOf(node) {
    while (node && !(node.dataset && node.dataset.paragraph)) { node = node.parentNode; }
    return node;
  }
  document.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) { return; }
    var first = paragraphOf(selection.anchorNode);
    var last = paragraphOf(selection.focusNode);
    if (!first || first !== last) { return; }
    var form = document.getElementById("coding-form");
    if (!form) { return; }
    form.elements.paragraph.value = first.dataset.paragraph;
    form.elements.words.value = selection.toString().trim();
  });
}());
