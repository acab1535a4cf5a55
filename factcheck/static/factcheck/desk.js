/* Tagging desk: turn a mouse (or keyboard) selection in the article body into a statement form.
 *
 * Every run of body text sits in a <span data-offset="N"> where N is the run's offset in
 * Article.body (in Unicode code points, as Python counts), so a DOM selection maps back to
 * exact body offsets whatever markup surrounds it. The server re-checks everything.
 */
"use strict";
window.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("desk-body");
    const form = document.getElementById("desk-tag-form");
    const bodyScript = document.getElementById("desk-body-text");

    if (root && form && bodyScript) {
        const chars = Array.from(JSON.parse(bodyScript.textContent));
        const runs = Array.from(root.querySelectorAll("span[data-offset]"));
        const quoteBox = document.getElementById("desk-tag-quote");
        const quoteInput = document.getElementById("desk-tag-quote-input");

        // Code points in the first `units` UTF-16 units of a string.
        const codePoints = (text, units) => Array.from(text.slice(0, units)).length;

        const runStart = (run) => Number(run.dataset.offset);
        const runEnd = (run) => runStart(run) + Array.from(run.textContent).length;

        // Body offset of a selection boundary (container node + offset within it).
        function toOffset(node, offset) {
            if (node.nodeType === Node.TEXT_NODE) {
                const run = node.parentElement && node.parentElement.closest("span[data-offset]");
                if (run && root.contains(run)) {
                    return runStart(run) + codePoints(node.data, offset);
                }
            }
            // A boundary between elements: the first run at or after it starts there.
            const point = document.createRange();
            point.setStart(node, offset);
            for (const run of runs) {
                if (point.comparePoint(run.firstChild || run, 0) >= 0) {
                    return runStart(run);
                }
            }
            return runs.length ? runEnd(runs[runs.length - 1]) : 0;
        }

        function selectedSpan() {
            const selection = window.getSelection();
            if (!selection.rangeCount || selection.isCollapsed) {
                return null;
            }
            const range = selection.getRangeAt(0);
            if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) {
                return null;
            }
            let start = toOffset(range.startContainer, range.startOffset);
            let end = toOffset(range.endContainer, range.endOffset);
            while (start < end && /\s/.test(chars[start])) start += 1;
            while (end > start && /\s/.test(chars[end - 1])) end -= 1;
            return start < end ? {start, end, rect: range.getBoundingClientRect()} : null;
        }

        function show(span) {
            form.elements.start.value = span.start;
            form.elements.end.value = span.end;
            const quote = chars.slice(span.start, span.end).join("");
            quoteInput.value = quote;
            quoteBox.textContent = quote;
            form.hidden = false;
            const width = form.offsetWidth;
            const left = Math.max(8, Math.min(span.rect.left + window.scrollX, document.documentElement.clientWidth - width - 16));
            form.style.left = left + "px";
            form.style.top = span.rect.bottom + window.scrollY + 8 + "px";
            form.querySelector("input[name=kind]").focus({preventScroll: true});
        }

        function hide() {
            form.hidden = true;
        }

        function onSelectionEnd(event) {
            if (form.contains(event.target)) {
                return;
            }
            // The selection is final only once the event has been handled.
            window.setTimeout(() => {
                const span = selectedSpan();
                if (span) {
                    show(span);
                }
            }, 0);
        }

        // Positioned against the page, not inside the admin's own form.
        document.body.appendChild(form);
        root.addEventListener("mouseup", onSelectionEnd);
        root.addEventListener("keyup", (event) => {
            if (event.shiftKey) onSelectionEnd(event);
        });
        document.getElementById("desk-tag-cancel").addEventListener("click", hide);
        document.addEventListener("keydown", (event) => {
            if (event.key === "Escape" && !form.hidden) hide();
        });
    }
});
