/* Verdict form: once a statement is chosen, the rating menu offers that statement's scale only.
 *
 * The server knows each statement's kind (admin:factcheck_verdict_scale); the server also refuses a
 * rating from the other scale, in words, whatever this script does.
 */
"use strict";
window.addEventListener("DOMContentLoaded", () => {
    const statement = document.getElementById("id_statement");
    const rating = document.getElementById("id_rating");
    if (!statement || !rating || !window.django || !window.django.jQuery) {
        return;
    }
    const scaleUrl = (pk) => rating.dataset.scaleUrl.replace("/0/", `/${pk}/`);

    function offer(scale) {
        const chosen = rating.value;
        rating.replaceChildren(new Option("---------", ""));
        for (const [value, label] of scale.choices) {
            rating.append(new Option(label, value, false, value === chosen));
        }
        const help = document.getElementById("id_rating_helptext");
        if (help) {
            help.textContent = `The ${scale.label.toLowerCase()} scale.`;
        }
    }

    // The statement menu is the admin's autocomplete (select2), which announces changes through jQuery.
    window.django.jQuery(statement).on("change", () => {
        if (!statement.value) {
            return;
        }
        fetch(scaleUrl(statement.value), {headers: {Accept: "application/json"}, credentials: "same-origin"})
            .then((response) => (response.ok ? response.json() : null))
            .then((scale) => scale && offer(scale));
    });
});
