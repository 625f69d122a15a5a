/* A small rich-text editor for the minutes (progressive enhancement, no inline script or style,
 * so the portal's Content-Security-Policy holds). Every <textarea data-richtext> gets a toolbar
 * (Fett, Kursiv, Aufzählung, Nummerierte Liste, Link, Link entfernen) and an editable area
 * (role="textbox", labelled by the field's label). The textarea stays in the form, hidden, and
 * receives the editor's HTML on every input and on submit; the server sanitises it again
 * (spaces/richtext.py). Without JavaScript the textarea itself is used (simple markup).
 * Keyboard: Tab reaches the toolbar's buttons and the text; Strg+B / Strg+I in the text. */
(function () {
  "use strict";

  var ALLOWED = { P: 1, BR: 1, B: 1, STRONG: 1, I: 1, EM: 1, UL: 1, OL: 1, LI: 1, A: 1 };
  var BLOCKS = { P: 1, UL: 1, OL: 1 };
  var BUTTONS = [
    { command: "bold", label: "Fett", text: "F", pressed: true },
    { command: "italic", label: "Kursiv", text: "K", pressed: true },
    { command: "insertUnorderedList", label: "Aufzählung", text: "• Liste", pressed: true },
    { command: "insertOrderedList", label: "Nummerierte Liste", text: "1. Liste", pressed: true },
    { command: "createLink", label: "Link einfügen", text: "Link" },
    { command: "unlink", label: "Link entfernen", text: "Link entfernen" },
  ];

  function safeHref(href) {
    return /^(https?:|mailto:|tel:)/i.test(href || "") ? href : null;
  }

  /* Copy only the allowed elements and text of ``source`` into ``target`` (the DOM stays
   * inert: the input is parsed by DOMParser, nothing of it runs). */
  function copyAllowed(source, target) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.nodeValue));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        var name = node.nodeName.toUpperCase();
        if (name === "DIV") name = "P";
        if (!ALLOWED[name]) {
          copyAllowed(node, target);
          return;
        }
        var copy = document.createElement(name);
        if (name === "A") {
          var href = safeHref(node.getAttribute("href"));
          if (href) copy.setAttribute("href", href);
        }
        copyAllowed(node, copy);
        target.appendChild(copy);
      }
    });
  }

  function parse(html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var holder = document.createElement("div");
    var body = doc.body;
    if (!/<[a-z]/i.test(html || "") && (html || "").trim()) {
      /* Plain text: paragraphs by blank lines. */
      html.split(/\r?\n\s*\n/).forEach(function (part) {
        if (!part.trim()) return;
        var p = document.createElement("p");
        part.trim().split(/\r?\n/).forEach(function (line, i) {
          if (i) p.appendChild(document.createElement("br"));
          p.appendChild(document.createTextNode(line));
        });
        holder.appendChild(p);
      });
      return holder;
    }
    copyAllowed(body, holder);
    return holder;
  }

  /* Top-level text and inline elements go into paragraphs. */
  function serialise(editor) {
    var holder = parse(editor.innerHTML);
    var out = document.createElement("div");
    var run = null;
    Array.prototype.slice.call(holder.childNodes).forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && BLOCKS[node.nodeName]) {
        run = null;
        out.appendChild(node);
      } else {
        if (!run) {
          run = document.createElement("p");
          out.appendChild(run);
        }
        run.appendChild(node);
      }
    });
    Array.prototype.slice.call(out.children).forEach(function (block) {
      if (!block.textContent.trim()) out.removeChild(block);
    });
    return out.innerHTML;
  }

  function enhance(textarea, index) {
    var label = document.querySelector("label[for='" + textarea.id + "']");
    if (!label) return;
    if (!label.id) label.id = textarea.id + "_label";
    var editor = document.createElement("div");
    editor.id = textarea.id + "_editor";
    editor.className = "richtext__editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-labelledby", label.id);
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (textarea.hasAttribute(name)) editor.setAttribute(name, textarea.getAttribute(name));
    });
    var content = parse(textarea.value);
    while (content.firstChild) editor.appendChild(content.firstChild);

    var toolbar = document.createElement("div");
    toolbar.className = "richtext__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatierung: " + label.textContent.trim());
    toolbar.setAttribute("aria-controls", editor.id);

    var saved = null;
    function remember() {
      var selection = window.getSelection();
      if (selection.rangeCount && editor.contains(selection.anchorNode)) {
        saved = selection.getRangeAt(0).cloneRange();
      }
    }
    function restore() {
      editor.focus();
      if (saved) {
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(saved);
      }
    }
    function sync() {
      textarea.value = serialise(editor);
    }
    var buttons = BUTTONS.map(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "richtext__button";
      button.textContent = spec.text;
      button.setAttribute("aria-label", spec.label);
      if (spec.pressed) button.setAttribute("aria-pressed", "false");
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); /* keep the selection in the text */
      });
      button.addEventListener("click", function () {
        restore();
        if (spec.command === "createLink") {
          var href = window.prompt("Adresse des Links (https://…, mailto:…)", "https://");
          if (!href || !safeHref(href.trim())) return;
          document.execCommand("createLink", false, href.trim());
        } else {
          document.execCommand(spec.command, false, null);
        }
        remember();
        sync();
        update();
      });
      toolbar.appendChild(button);
      return { spec: spec, button: button };
    });
    function update() {
      buttons.forEach(function (entry) {
        if (!entry.spec.pressed) return;
        var on = false;
        try {
          on = document.queryCommandState(entry.spec.command);
        } catch (e) {
          on = false;
        }
        entry.button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }

    editor.addEventListener("input", sync);
    editor.addEventListener("keyup", function () { remember(); update(); });
    editor.addEventListener("mouseup", function () { remember(); update(); });
    editor.addEventListener("blur", remember);
    label.addEventListener("click", function (event) {
      event.preventDefault();
      editor.focus();
    });
    if (textarea.form) textarea.form.addEventListener("submit", sync);

    /* The error summary links to the field: let it lead to the editable text instead. */
    Array.prototype.forEach.call(
      document.querySelectorAll("a[href='#" + textarea.id + "']"),
      function (link) { link.setAttribute("href", "#" + editor.id); }
    );
    textarea.hidden = true;
    textarea.setAttribute("data-richtext-enhanced", String(index));
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }

  function start() {
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
    } catch (e) { /* older browsers: the server makes paragraphs */ }
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-richtext]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
