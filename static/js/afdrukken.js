// "Afdrukken": a button that prints the page. Hidden without JavaScript (the browser's own
// print command works there), shown and wired here.
document.querySelectorAll("[data-print]").forEach((knop) => {
  knop.hidden = false;
  knop.addEventListener("click", () => window.print());
});
