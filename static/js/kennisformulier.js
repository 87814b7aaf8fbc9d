// Kennis toevoegen/bewerken: only the group of questions that belongs to the chosen type is
// shown (a lesson's questions, a national source's recognition). Without JavaScript every group
// shows, each with a legend that says for which type it is.
const formulier = document.querySelector(".gg-kennisformulier");
if (formulier) {
  const toon = () => {
    const gekozen = formulier.querySelector("input[name=soort]:checked")?.value;
    for (const groep of formulier.querySelectorAll("fieldset[data-soort]")) {
      groep.hidden = groep.dataset.soort !== gekozen;
    }
  };
  formulier.addEventListener("change", (event) => {
    if (event.target.name === "soort") toon();
  });
  toon();
}
