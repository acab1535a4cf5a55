/* Tagging desk: turn a mouse (or keyboard) selection in the article body into a statement form.
 *
 * Every run of body text sits in a <span data-offset="N"> where N is the run's offset in
 * Article.body (in Unicode code points, as Python counts), so a DOM selection maps back to
 * exact body offsets whatever markup surrounds it, highlights included. The server re-checks
 * everything; this script only saves the editor clicks and keeps what they typed.
 */
"use strict";
window.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("desk-body");
    const form = document.getElementById("desk-tag-form");
    const bodyScript = document.getElementById("desk-body-text");
    if (!root || !form || !bodyScript) {
        return;
    }
    const chars = Array.from(JSON.parse(bodyScript.textContent));
    const runs = Array.from(root.querySelectorAll("span[data-offset]"));
    const quoteBox = document.getElementById("desk-tag-quote");
    const quoteInput = document.getElementById("desk-tag-quote-input");
    const titleInput = document.getElementById("desk-tag-title");
    const hint = document.getElementById("desk-tag-hint");
    const speaker = speakerChooser();

    // Selections -------------------------------------------------------------------------

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

    // Where a passage given by offsets is on screen (to place the box for a suggestion).
    function rectOf(start, end) {
        const first = runs.find((run) => runStart(run) <= start && start < runEnd(run)) || runs[0];
        const last = runs.find((run) => runStart(run) < end && end <= runEnd(run)) || first;
        const range = document.createRange();
        range.setStart(first, 0);
        range.setEnd(last, last.childNodes.length);
        return range.getBoundingClientRect();
    }

    // The box --------------------------------------------------------------------------------

    const typedAnything = () =>
        Boolean(form.querySelector("input[name=kind]:checked") || titleInput.value.trim() || speaker.chosen());

    function show(span) {
        form.elements.start.value = span.start;
        form.elements.end.value = span.end;
        const quote = chars.slice(span.start, span.end).join("");
        quoteInput.value = quote;
        quoteBox.textContent = quote;
        const opening = form.hidden;
        form.hidden = false;
        const width = form.offsetWidth;
        const left = Math.max(8, Math.min(span.rect.left + window.scrollX, document.documentElement.clientWidth - width - 16));
        form.style.left = left + "px";
        form.style.top = span.rect.bottom + window.scrollY + 8 + "px";
        if (opening) {
            form.querySelector("input[name=kind]").focus({preventScroll: true});
        }
    }

    function close() {
        form.hidden = true;
        form.reset();
        speaker.clear();
        clearErrors();
        form.elements.suggestion.value = "";
        hint.hidden = true;
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

    // Errors, in the desk's words, next to their fields --------------------------------------

    function setError(id, message) {
        const element = document.getElementById(id);
        element.textContent = message;
        element.hidden = !message;
    }

    function clearErrors() {
        for (const id of ["desk-kind-error", "desk-speaker-error", "desk-title-error"]) {
            setError(id, "");
        }
    }

    let saveAfter = null; // the speaker lookup a pressed Save waits for
    form.addEventListener("submit", (event) => {
        // An accepted suggestion's speaker is still being looked up: save once it is known (once,
        // however often Save was pressed meanwhile).
        const lookup = speaker.pending();
        if (lookup) {
            event.preventDefault();
            if (saveAfter === lookup) return;
            saveAfter = lookup;
            speaker.say("Looking up the speaker: the statement is saved as soon as they are found.");
            const accepted = form.elements.suggestion.value;
            lookup.then(() => {
                if (saveAfter !== lookup) return; // Save was pressed again for a later lookup
                saveAfter = null;
                // Unless the box was closed, or another suggestion accepted, meanwhile.
                if (!form.hidden && !speaker.pending() && form.elements.suggestion.value === accepted) {
                    form.requestSubmit();
                }
            });
            return;
        }
        clearErrors();
        const problems = [];
        if (!form.querySelector("input[name=kind]:checked")) {
            setError("desk-kind-error", "Choose whether it is a pledge or a criticism.");
            problems.push(form.querySelector("input[name=kind]"));
        }
        if (!speaker.chosen()) {
            setError("desk-speaker-error", "Choose who said it, or type a new name and choose “Add”.");
            problems.push(speaker.input);
        }
        if (!titleInput.value.trim()) {
            setError("desk-title-error", "Give the statement a short title readers will see.");
            problems.push(titleInput);
        }
        if (problems.length) {
            event.preventDefault();
            problems[0].focus();
        }
    });

    // Suggestions: accept into the box, select all ---------------------------------------------

    for (const link of document.querySelectorAll(".desk-suggestions .desk-accept")) {
        link.addEventListener("click", (event) => {
            event.preventDefault();
            const item = link.closest("li");
            const start = Number(item.dataset.start);
            const end = Number(item.dataset.end);
            close();
            show({start, end, rect: rectOf(start, end)});
            form.elements.suggestion.value = item.dataset.suggestion;
            const kind = form.querySelector(`input[name=kind][value="${item.dataset.kind}"]`);
            if (kind) kind.checked = true;
            titleInput.value = item.dataset.title;
            speaker.prefill(item.dataset.speaker);
            form.scrollIntoView({block: "nearest"});
            titleInput.focus({preventScroll: true});
        });
    }
    const selectAll = document.getElementById("desk-suggestions-all");
    if (selectAll) {
        selectAll.addEventListener("change", () => {
            for (const box of document.querySelectorAll("#desk-suggestions-form input[name=suggestion]")) {
                box.checked = selectAll.checked;
            }
        });
    }

    // Wiring ----------------------------------------------------------------------------------

    // Positioned against the page, not inside the admin's own form.
    document.body.appendChild(form);
    root.addEventListener("mouseup", onSelectionEnd);
    root.addEventListener("keyup", (event) => {
        if (event.shiftKey) onSelectionEnd(event);
    });
    // A drag that ends inside a highlight is a selection, not a click on its link.
    root.addEventListener("click", (event) => {
        if (event.target.closest("a.desk-stmt") && !window.getSelection().isCollapsed) {
            event.preventDefault();
        }
    });
    document.getElementById("desk-tag-cancel").addEventListener("click", close);
    // Escape closes the innermost thing open: the speaker list first; the box only if nothing is typed.
    document.addEventListener("keydown", (event) => {
        if (event.key !== "Escape" || form.hidden) {
            return;
        }
        if (speaker.listOpen()) {
            speaker.closeList();
        } else if (typedAnything()) {
            hint.hidden = false;
        } else {
            close();
        }
    });

    // The speaker chooser: the desk's speakers, or a new name -----------------------------------

    function speakerChooser() {
        const input = document.getElementById("desk-speaker-input");
        const idField = document.getElementById("desk-speaker-id");
        const newField = document.getElementById("desk-speaker-new");
        const list = document.getElementById("desk-speaker-options");
        const note = document.getElementById("desk-speaker-note");
        let active = -1;
        let request = 0;
        let timer = null;
        let lookup = null; // an accepted suggestion's speaker being looked up

        const options = () => Array.from(list.querySelectorAll("[role=option]"));

        function listOpen() {
            return !list.hidden;
        }

        function closeList() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function setNote(text) {
            note.textContent = text;
            note.hidden = !text;
        }

        function choose(option) {
            if (option.dataset.id) {
                idField.value = option.dataset.id;
                newField.value = "";
                input.value = option.dataset.name;
                setNote("");
            } else {
                idField.value = "";
                newField.value = option.dataset.name;
                input.value = option.dataset.name;
                setNote(`New speaker: “${option.dataset.name}” is added when you save.`);
            }
            setError("desk-speaker-error", "");
            closeList();
        }

        function highlight(index) {
            const all = options();
            active = (index + all.length) % all.length;
            all.forEach((option, n) => option.setAttribute("aria-selected", String(n === active)));
            input.setAttribute("aria-activedescendant", all[active].id);
            all[active].scrollIntoView({block: "nearest"});
        }

        function render(results, typed) {
            list.replaceChildren();
            const exact = results.some((result) => result.text.toLowerCase() === typed.toLowerCase());
            const rows = results.map((result) => ({id: result.id, name: result.text, label: result.text}));
            if (typed && !exact) {
                rows.push({id: "", name: typed, label: `Add “${typed}” as a new speaker`});
            }
            rows.forEach((row, n) => {
                const option = document.createElement("li");
                option.id = `desk-speaker-option-${n}`;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.id = row.id;
                option.dataset.name = row.name;
                option.textContent = row.label;
                if (!row.id) option.classList.add("desk-option-new");
                option.addEventListener("mousedown", (event) => {
                    event.preventDefault(); // keep the focus in the input
                    choose(option);
                });
                list.append(option);
            });
            list.hidden = rows.length === 0;
            input.setAttribute("aria-expanded", String(!list.hidden));
            active = -1;
        }

        function search(typed) {
            const mine = ++request;
            const url = `${input.dataset.searchUrl}&term=${encodeURIComponent(typed)}`;
            return fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
                .then((response) => (response.ok ? response.json() : {results: []}))
                .then((data) => (mine === request ? data.results : null))
                .catch(() => []);
        }

        input.addEventListener("input", () => {
            lookup = null;
            idField.value = "";
            newField.value = "";
            setNote("");
            const typed = input.value.trim().replace(/\s+/g, " ");
            window.clearTimeout(timer);
            timer = window.setTimeout(() => {
                search(typed).then((results) => results && render(results, typed));
            }, 150);
        });
        input.addEventListener("keydown", (event) => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (listOpen() && options().length) {
                    event.preventDefault();
                    highlight(active + (event.key === "ArrowDown" ? 1 : -1));
                }
            } else if (event.key === "Enter" && listOpen() && active >= 0) {
                event.preventDefault();
                choose(options()[active]);
            }
        });
        input.addEventListener("blur", () => window.setTimeout(closeList, 100));

        return {
            input,
            listOpen,
            closeList,
            chosen: () => Boolean(idField.value || newField.value),
            pending: () => lookup,
            say: setNote,
            clear() {
                lookup = null;
                idField.value = "";
                newField.value = "";
                input.value = "";
                setNote("");
                closeList();
            },
            // A suggestion's speaker: the desk's own if it has one of that name, else offered as new.
            prefill(name) {
                this.clear();
                if (!name) return;
                input.value = name;
                const mine = (lookup = search(name).then((results) => {
                    if (lookup !== mine) return; // another suggestion was accepted since
                    lookup = null;
                    const same = (results || []).find((result) => result.text.toLowerCase() === name.toLowerCase());
                    const option = document.createElement("li");
                    option.dataset.id = same ? same.id : "";
                    option.dataset.name = same ? same.text : name;
                    choose(option);
                }));
            },
        };
    }
});
