// Wie weet wat: after a search (Zoeken, or Enter in the search box) the page goes to the number
// of results and the focus with it, so that it is read out. A changed filter leaves the focus
// where it is, on its checkbox, and the number is read out by its live region.
function naarAantal() {
  const aantal = document.getElementById("aantal");
  if (!aantal) return;
  const plek = aantal.getBoundingClientRect();
  // Scroll only when the number is not already in the top half of the window.
  if (plek.top < 0 || plek.bottom > window.innerHeight / 2) aantal.scrollIntoView({ block: "start" });
  aantal.focus({ preventScroll: true });
}

document.body.addEventListener("htmx:afterSettle", (event) => {
  const gezocht = event.detail.requestConfig?.triggeringEvent?.type === "submit";
  if (gezocht && event.target.id === "resultaten") {
    // On a phone the filters sit above the results: close them, so the results come first.
    const filters = document.getElementById("filters");
    if (filters && !window.matchMedia("(min-width: 64em)").matches) filters.open = false;
    naarAantal();
  }
});
// A search submitted without htmx (it had not loaded yet) lands at #aantal.
if (window.location.hash === "#aantal") naarAantal();
