// Progressive enhancement only: the forms work without this file (the server counts words and validates).
(function () {
  "use strict";

  function words(text) {
    // Same rule as the server (Python str.split): runs of whitespace separate words.
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }

  function wordCounter() {
    var total = document.getElementById("word-total");
    var fields = document.querySelectorAll("textarea[data-word-count]");
    if (!total || !fields.length) return;
    var limit = parseInt(total.getAttribute("data-limit"), 10);
    var update = function () {
      var count = 0;
      fields.forEach(function (f) { count += words(f.value); });
      var over = count > limit;
      var template = total.getAttribute(over ? "data-over" : "data-template");
      total.textContent = template.replace("{count}", count.toLocaleString(document.documentElement.lang));
      total.classList.toggle("over", over);
    };
    fields.forEach(function (f) { f.addEventListener("input", update); });
    total.hidden = false;
    update();
  }

  function countryFilter() {
    document.querySelectorAll("[data-filter-for]").forEach(function (box) {
      var select = document.getElementById(box.getAttribute("data-filter-for"));
      var input = box.querySelector("input");
      if (!select || !input) return;
      box.hidden = false;
      var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
      input.addEventListener("input", function () {
        var q = fold(input.value);
        var firstMatch = null;
        Array.prototype.forEach.call(select.options, function (opt) {
          var match = !opt.value || !q || fold(opt.text).indexOf(q) !== -1 || opt.value.toLowerCase() === q;
          opt.hidden = !match;
          if (match && opt.value && !firstMatch) firstMatch = opt;
        });
        if (q && firstMatch) select.value = firstMatch.value;
      });
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (!summary) return;
    summary.focus();
    // Following a link in the summary puts the cursor in the field itself, not only scrolls to it.
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      });
    });
  }

  // Switching language reloads the page; what was typed into a form not yet sent would be lost (files cannot be
  // kept this way: the browser never lets a page refill a file field). The values wait in this tab's session
  // storage for the one reload, and are removed as soon as they are back in their fields.
  var KEPT = "inputdesk-form-" + location.pathname;

  function keepTypedValuesAcrossLanguages() {
    var form = document.querySelector("form[method='post'][enctype]");
    if (!form) return;
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEPT) || "null"); sessionStorage.removeItem(KEPT); } catch (e) {}
    if (saved) {
      Object.keys(saved).forEach(function (name) {
        form.querySelectorAll("[name='" + CSS.escape(name) + "']").forEach(function (field) {
          if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === saved[name];
          else if (!field.value && field.type !== "hidden" && field.type !== "file") field.value = saved[name];
        });
      });
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }
    document.querySelectorAll("nav.languages a").forEach(function (link) {
      link.addEventListener("click", function () {
        var values = {};
        form.querySelectorAll("input, textarea, select").forEach(function (field) {
          if (!field.name || field.type === "hidden" || field.type === "file" || field.type === "password") return;
          if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
          if (field.value) values[field.name] = field.value;
        });
        try { sessionStorage.setItem(KEPT, JSON.stringify(values)); } catch (e) {}
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    keepTypedValuesAcrossLanguages();
    wordCounter();
    countryFilter();
    focusErrorSummary();
  });
})();
