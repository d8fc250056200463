// The offer editor's autosave status: progressive enhancement only; every section saves with its buttons without
// this file. HTMX posts the section's form as the person types and swaps the answer into #autosave-status; this
// script says "Saving…", says when the connection is lost (the changes stay in the form), saves again when it
// returns, announces changes of state (not every save) to screen readers, and warns before leaving the page with
// changes the server has not confirmed.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  var announcer = document.getElementById("autosave-announcer");
  if (!form || !status) { return; }
  var lastState = (status.querySelector("[data-state]") || {dataset: {}}).dataset.state || "idle";
  var dirty = false;
  var submitting = false;

  function show(state, text) {
    status.textContent = "";
    var span = document.createElement("span");
    span.setAttribute("data-state", state);
    span.textContent = text;
    status.appendChild(span);
    announce();
  }

  function announce() {
    var current = status.querySelector("[data-state]");
    var state = current ? current.getAttribute("data-state") : "";
    if (state && state !== lastState && state !== "saving" && announcer) {
      announcer.textContent = current.textContent.replace(/\s+/g, " ").trim();
    }
    if (state !== "saving") { lastState = state; }
    if (state === "saved") { dirty = false; }
  }

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { submitting = true; });

  // How many of the page's requests (saves, sums) are on their way: "data-pending" on the form.
  var pending = 0;
  function count(step) {
    pending = Math.max(0, pending + step);
    form.setAttribute("data-pending", String(pending));
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    count(1);
    if (event.detail.elt === form) { show("saving", status.getAttribute("data-saving")); }
  });
  document.body.addEventListener("htmx:afterRequest", function () { count(-1); });
  // An answer that is not a save status (the login page after the session ended, say) is not put in the page.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.elt === form && event.detail.xhr && event.detail.xhr.status < 400 &&
        (event.detail.serverResponse || "").indexOf("data-state") === -1) {
      event.detail.shouldSwap = false;
      show("failed", status.getAttribute("data-signed-out"));
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === status) { announce(); }
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    if (event.detail.elt === form) { show("offline", status.getAttribute("data-offline")); }
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    if (event.detail.elt === form) { show("failed", status.getAttribute("data-failed")); }
  });
  window.addEventListener("online", function () {
    if (dirty && window.htmx) { window.htmx.trigger(form, "change"); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
