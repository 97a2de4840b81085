// A filter that applies as soon as it is chosen (the button in <noscript> does without script).
for (const select of document.querySelectorAll("select[data-submit-on-change]")) {
  select.addEventListener("change", () => select.form.submit());
}
